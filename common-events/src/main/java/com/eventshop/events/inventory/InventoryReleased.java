package com.eventshop.events.inventory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.ShopEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The reservation of a cancelled order is undone: its units are available again.
 *
 * @param orderId the order
 * @param lines what was released
 * @param releasedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InventoryReleased(UUID orderId, List<Line> lines, Instant releasedAt) implements ShopEvent {

	public InventoryReleased {
		lines = List.copyOf(lines);
	}

	/**
	 * @param sku the product
	 * @param quantity units released
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Line(String sku, int quantity) {
	}

}
