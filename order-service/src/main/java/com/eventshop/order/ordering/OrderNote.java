package com.eventshop.order.ordering;

/**
 * What a history entry notes when an event arrives for an order that keeps its status.
 */
public enum OrderNote {

	/**
	 * Inventory reserved stock for an order the customer had already cancelled; it
	 * releases the stock when it reads the cancellation.
	 */
	RESERVED_AFTER_CANCELLATION,

	/** Inventory released the stock of a cancelled order. */
	STOCK_RELEASED,

	/**
	 * The shipment left the warehouse although the customer had cancelled: the
	 * cancellation lost the race, and the order stays cancelled.
	 */
	DISPATCHED_AFTER_CANCELLATION

}
