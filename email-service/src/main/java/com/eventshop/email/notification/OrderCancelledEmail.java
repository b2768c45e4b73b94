package com.eventshop.email.notification;

import com.eventshop.events.order.OrderCancelled;

/**
 * What the {@code order-cancelled} templates show.
 *
 * @param orderId the order
 * @param customerName whom the e-mail greets
 */
record OrderCancelledEmail(String orderId, String customerName) {

	static OrderCancelledEmail of(OrderCancelled order) {
		return new OrderCancelledEmail(order.orderId().toString(), order.customer().name());
	}

}
