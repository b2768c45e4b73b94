package com.eventshop.order.admission;

/**
 * Why an order was refused; the {@code reason} of the {@code overloaded} problem and the
 * tag of the refusal counter.
 */
enum Overload {

	/** The events of orders already taken wait for Kafka beyond the bound. */
	OUTBOX_BACKLOG("outbox-backlog", "orders already taken are still waiting to be announced"),

	/** The saga has more inventory and shipping events to read than the bound. */
	SAGA_LAG("saga-lag", "orders already taken are still waiting to be confirmed"),

	/**
	 * At the rate the saga read its events lately, it would take longer than the bound to
	 * read those waiting.
	 */
	SAGA_DELAY("saga-delay", "orders already taken would wait too long to be confirmed"),

	/** As many placements as allowed are running right now. */
	IN_FLIGHT("in-flight", "as many orders as the service handles at once are being placed");

	private final String tag;

	private final String detail;

	Overload(String tag, String detail) {
		this.tag = tag;
		this.detail = detail;
	}

	String tag() {
		return this.tag;
	}

	String detail() {
		return this.detail;
	}

}
