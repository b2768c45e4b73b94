package com.eventshop.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.Address;
import com.eventshop.events.Customer;
import com.eventshop.events.ShopEvent;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An order was accepted. Carries everything consumers need so that none has to call the
 * order service back. Money travels as decimal strings so that no consumer rounds through
 * binary floating point.
 *
 * @param orderId the order
 * @param customer who ordered
 * @param lines what was ordered, priced from the catalog
 * @param total sum of the line totals
 * @param currency ISO 4217 code
 * @param shippingAddress where it goes
 * @param placedAt when the order was accepted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderPlaced(UUID orderId, Customer customer, List<Line> lines,
		@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total, String currency, Address shippingAddress,
		Instant placedAt) implements ShopEvent {

	public OrderPlaced {
		lines = List.copyOf(lines);
	}

	/**
	 * @param sku stock keeping unit
	 * @param productName catalog name at the time of the order
	 * @param quantity units ordered, at least one
	 * @param unitPrice catalog price at the time of the order
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Line(String sku, String productName, int quantity,
			@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice) {

		public BigDecimal lineTotal() {
			return this.unitPrice.multiply(BigDecimal.valueOf(this.quantity));
		}

	}

}
