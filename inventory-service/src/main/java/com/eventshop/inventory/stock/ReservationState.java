package com.eventshop.inventory.stock;

/**
 * Where an order's reservation stands. The stored ones are the {@code reservation.status}
 * column's values ({@link #name()}); {@link #NONE} is the state of an order inventory has
 * no row for.
 */
enum ReservationState {

	/** No reservation: the order's placement has not been handled here. Never stored. */
	NONE,

	/** Every line's units are set aside for the order. */
	RESERVED,

	/** Some line was short; nothing was set aside. Final. */
	REJECTED,

	/** The order was cancelled; its units went back to available. Final. */
	RELEASED,

	/** The order was shipped; its units left the warehouse. Final. */
	SHIPPED,

	/**
	 * The order was cancelled before its placement was handled here: a late placement
	 * reserves nothing. Final.
	 */
	CANCELLED;

	/**
	 * The state a {@code reservation.status} value names.
	 */
	static ReservationState stored(String status) {
		ReservationState state = valueOf(status);
		if (state == NONE) {
			throw new IllegalArgumentException("NONE is never stored");
		}
		return state;
	}

}
