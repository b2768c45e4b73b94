package com.eventshop.events.inventory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.ShopEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Every line of an order is reserved: the stock is set aside for it.
 *
 * @param orderId the order
 * @param lines what was reserved
 * @param reservedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InventoryReserved(UUID orderId, List<Line> lines, Instant reservedAt) implements ShopEvent {

	public InventoryReserved {
		lines = List.copyOf(lines);
	}

	/**
	 * @param sku the product
	 * @param quantity units reserved
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Line(String sku, int quantity) {
	}

}
