package com.eventshop.order.ordering;

import java.util.UUID;

/**
 * A customer asked to cancel an order that is shipped, rejected or already cancelled.
 */
public class OrderNotCancellableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final OrderStatus status;

	OrderNotCancellableException(UUID id, OrderStatus status) {
		super("Order " + id + " is " + status + " and can no longer be cancelled");
		this.status = status;
	}

	public OrderStatus getStatus() {
		return this.status;
	}

}
