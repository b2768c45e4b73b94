package com.eventshop.email.notification;

import java.util.List;

import com.eventshop.events.order.OrderRejected;

/**
 * What the {@code order-rejected} templates show: every line that could not be served, so
 * that the customer sees what to order less of.
 *
 * @param orderId the order
 * @param customerName whom the e-mail greets
 * @param shortLines the lines that were short
 */
record OrderRejectedEmail(String orderId, String customerName, List<ShortLine> shortLines) {

	static OrderRejectedEmail of(OrderRejected order) {
		List<ShortLine> lines = order.shortLines()
			.stream()
			.map((line) -> new ShortLine(line.sku(), line.requested(), line.available()))
			.toList();
		return new OrderRejectedEmail(order.orderId().toString(), order.customer().name(), lines);
	}

	/**
	 * One line that could not be served.
	 *
	 * @param sku the product
	 * @param requested units ordered
	 * @param available units that were free
	 */
	record ShortLine(String sku, int requested, int available) {
	}

}
