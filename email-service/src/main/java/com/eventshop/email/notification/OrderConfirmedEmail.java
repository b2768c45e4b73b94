package com.eventshop.email.notification;

import com.eventshop.events.order.OrderConfirmed;

/**
 * What the {@code order-confirmed} templates show.
 *
 * @param orderId the order
 * @param customerName whom the e-mail greets
 * @param total the order total, formatted with its currency
 */
record OrderConfirmedEmail(String orderId, String customerName, String total) {

	static OrderConfirmedEmail of(OrderConfirmed order) {
		return new OrderConfirmedEmail(order.orderId().toString(), order.customer().name(),
				Money.format(order.total(), order.currency()));
	}

}
