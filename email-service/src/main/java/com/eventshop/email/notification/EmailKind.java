package com.eventshop.email.notification;

import java.util.Locale;

/**
 * What an e-mail tells the customer. An order gets at most one e-mail of each kind
 * ({@code unique (order_id, kind)}); the name is what the {@code kind} column and the API
 * show.
 */
enum EmailKind {

	ORDER_RECEIVED, ORDER_CONFIRMED, ORDER_REJECTED, ORDER_SHIPPED, ORDER_CANCELLED;

	/**
	 * The templates of this kind, e.g. {@code order-shipped} and
	 * {@code order-shipped.subject} for {@link #ORDER_SHIPPED}.
	 */
	String template() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
