package com.eventshop.shipping.shipment;

/**
 * Where a shipment stands. The stored ones are the {@code shipment.status} column's
 * values ({@link #name()}); {@link #NONE} is the state of an order shipping has no row
 * for.
 */
enum ShipmentState {

	/** No shipment: the order's placement has not been handled here. Never stored. */
	NONE,

	/** The order is placed; inventory has not decided yet. */
	AWAITING_STOCK,

	/**
	 * The order is confirmed; the dispatcher sends it once the warehouse delay passed.
	 */
	READY_TO_DISPATCH,

	/** Handed to the carrier. Final. */
	DISPATCHED,

	/** Will never be sent. Final. */
	CANCELLED;

	/**
	 * The state a {@code shipment.status} value names.
	 */
	static ShipmentState stored(String status) {
		ShipmentState state = valueOf(status);
		if (state == NONE) {
			throw new IllegalArgumentException("NONE is never stored");
		}
		return state;
	}

}
