package com.eventshop.order.ordering;

import java.util.UUID;

/**
 * No order has this id.
 */
public class OrderNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	OrderNotFoundException(UUID id) {
		super("No order with id " + id);
	}

}
