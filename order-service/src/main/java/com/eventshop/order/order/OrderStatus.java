package com.eventshop.order.order;

/**
 * Where an order stands in the saga.
 */
public enum OrderStatus {

	/** Accepted and published; waiting for inventory. */
	PENDING,

	/** Stock reserved. */
	CONFIRMED,

	/** Stock could not be reserved. */
	REJECTED,

	/** Handed to the carrier. */
	SHIPPED,

	/** Cancelled by the customer. */
	CANCELLED

}
