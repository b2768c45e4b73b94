package com.eventshop.order.ordering;

/**
 * Where an order stands in the saga.
 */
public enum OrderStatus {

	/** Accepted and published; waiting for inventory. */
	PENDING,

	/** Stock reserved; shipping sends it once the warehouse delay has passed. */
	CONFIRMED,

	/**
	 * The customer asked to cancel a confirmed order; shipping decides whether it is
	 * stopped in time (then CANCELLED) or already left (then SHIPPED).
	 */
	CANCELLATION_REQUESTED,

	/** Stock could not be reserved. */
	REJECTED,

	/** Handed to the carrier. */
	SHIPPED,

	/** Cancelled by the customer, with nothing shipped. */
	CANCELLED

}
