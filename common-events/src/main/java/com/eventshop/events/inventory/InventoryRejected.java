package com.eventshop.events.inventory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.ShopEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An order could not be reserved because some lines are short; nothing was reserved for
 * it.
 *
 * @param orderId the order
 * @param shortLines the lines that could not be served, with what was available
 * @param rejectedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InventoryRejected(UUID orderId, List<ShortLine> shortLines, Instant rejectedAt) implements ShopEvent {

	public InventoryRejected {
		shortLines = List.copyOf(shortLines);
	}

	/**
	 * @param sku the product
	 * @param requested units the order asked for
	 * @param available units that were free at the time (zero for an unknown SKU)
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ShortLine(String sku, int requested, int available) {
	}

}
