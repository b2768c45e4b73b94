package com.eventshop.order.ordering;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/orders}. It carries no prices: those come from the
 * catalog. A SKU may appear only once; a request that repeats one is rejected rather than
 * merged, since a repeated line is more likely a client bug than an intent to add
 * quantities. Nor does it name the customer: that is the caller, the subject of the
 * access token (name and e-mail from its claims), so no one can order in another's name.
 *
 * @param lines what, at most 50 distinct SKUs
 * @param shippingAddress where to
 */
public record PlaceOrderRequest(@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Line> lines,
		@NotNull @Valid Address shippingAddress) {

	/** Largest quantity of one SKU in one order. */
	public static final int MAX_QUANTITY = 1000;

	/** What a customer id may hold; the token's subject and the listing check it. */
	static final String CUSTOMER_ID = "[A-Za-z0-9._:-]+";

	/**
	 * One line of text a person typed: no control characters (PostgreSQL cannot store
	 * NUL, and a line break or escape has no place in a name or an address line) and no
	 * unpaired surrogate (not Unicode text; it would be stored as '?').
	 */
	static final String ONE_LINE = "[^\\p{Cc}\\p{Cs}]*";

	static final String ONE_LINE_MESSAGE = "must not contain control characters or unpaired surrogates";

	/** Quantity by SKU, in request order. */
	Map<String, Integer> quantities() {
		Map<String, Integer> quantities = new LinkedHashMap<>();
		this.lines.forEach((line) -> quantities.put(line.sku(), line.quantity()));
		return quantities;
	}

	/** SKUs that appear on more than one line. */
	List<String> repeatedSkus() {
		TreeSet<String> seen = new TreeSet<>();
		TreeSet<String> repeated = new TreeSet<>();
		this.lines.forEach((line) -> {
			if (!seen.add(line.sku())) {
				repeated.add(line.sku());
			}
		});
		return List.copyOf(repeated);
	}

	com.eventshop.events.Address toAddress() {
		return new com.eventshop.events.Address(this.shippingAddress.line1(), this.shippingAddress.line2(),
				this.shippingAddress.city(), this.shippingAddress.postalCode(), this.shippingAddress.country());
	}

	/**
	 * @param sku the product
	 * @param quantity how many, 1 to {@value PlaceOrderRequest#MAX_QUANTITY}
	 */
	public record Line(@NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{0,39}") String sku,
			@NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {
	}

	/**
	 * @param line1 street and number
	 * @param line2 optional second line
	 * @param city city
	 * @param postalCode postal code
	 * @param country ISO 3166-1 alpha-2 code, upper case
	 */
	public record Address(
			@NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String line1,
			@Nullable @Size(max = 200) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String line2,
			@NotBlank @Size(max = 100) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String city,
			@NotBlank @Size(max = 20) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String postalCode,
			@NotBlank @Pattern(regexp = "[A-Z]{2}") String country) {
	}

}
