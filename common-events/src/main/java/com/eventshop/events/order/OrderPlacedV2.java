package com.eventshop.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.ShopEvent;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An order was accepted: version 2 of {@link OrderPlaced}, type
 * {@code shop.order.placed.v2}. Every amount now carries its own currency ({@link Money})
 * instead of one {@code currency} beside a bare {@code total}. That removes a property
 * and changes a type, which no revision of v1 may do, so it is a new type: the order
 * service publishes it beside v1 (when {@code eventshop.orders.publish-order-placed-v2}
 * is on) until every consumer has moved.
 *
 * @param orderId the order
 * @param customer who ordered
 * @param lines what was ordered, priced from the catalog
 * @param total sum of the line totals
 * @param shippingAddress where it goes
 * @param placedAt when the order was accepted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderPlacedV2(UUID orderId, Customer customer, List<Line> lines, Money total, Address shippingAddress,
		Instant placedAt) implements ShopEvent {

	public OrderPlacedV2 {
		lines = List.copyOf(lines);
	}

	/**
	 * @param id customer id
	 * @param name display name
	 * @param email where e-mails go
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Customer(String id, String name, String email) {
	}

	/**
	 * @param sku stock keeping unit
	 * @param productName catalog name at the time of the order
	 * @param quantity units ordered, at least one
	 * @param unitPrice catalog price at the time of the order
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Line(String sku, String productName, int quantity, Money unitPrice) {
	}

	/**
	 * An amount and its currency. The amount travels as a decimal string so that no
	 * reader rounds it through binary floating point.
	 *
	 * @param amount non-negative amount
	 * @param currency ISO 4217 code
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {
	}

	/**
	 * @param line1 street and number
	 * @param line2 optional second line
	 * @param city city
	 * @param postalCode postal code
	 * @param country ISO 3166-1 alpha-2 code
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Address(String line1, @Nullable String line2, String city, String postalCode, String country) {
	}

}
