package com.eventshop.events.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.Customer;
import com.eventshop.events.ShopEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An order could not be served: some lines are short. Nothing is reserved for it.
 *
 * @param orderId the order
 * @param customer who ordered
 * @param shortLines the lines that could not be served
 * @param rejectedAt when the order service rejected it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderRejected(UUID orderId, Customer customer, List<ShortLine> shortLines,
		Instant rejectedAt) implements ShopEvent {

	public OrderRejected {
		shortLines = List.copyOf(shortLines);
	}

	/**
	 * @param sku the product
	 * @param requested units ordered
	 * @param available units that were free at the time
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ShortLine(String sku, int requested, int available) {
	}

}
