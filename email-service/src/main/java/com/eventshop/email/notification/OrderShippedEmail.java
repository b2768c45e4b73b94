package com.eventshop.email.notification;

import com.eventshop.events.order.OrderShipped;

/**
 * What the {@code order-shipped} templates show.
 *
 * @param orderId the order
 * @param customerName whom the e-mail greets
 * @param trackingNumber the carrier's tracking number
 */
record OrderShippedEmail(String orderId, String customerName, String trackingNumber) {

	static OrderShippedEmail of(OrderShipped order) {
		return new OrderShippedEmail(order.orderId().toString(), order.customer().name(), order.trackingNumber());
	}

}
