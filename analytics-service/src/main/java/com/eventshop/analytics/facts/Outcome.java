package com.eventshop.analytics.facts;

/**
 * What became of an order after it was placed, each with the {@code order_outcome} column
 * that records when.
 */
enum Outcome {

	CONFIRMED("confirmed_at"), REJECTED("rejected_at"), SHIPPED("shipped_at"), CANCELLED("cancelled_at");

	private final String column;

	Outcome(String column) {
		this.column = column;
	}

	String column() {
		return this.column;
	}

}
