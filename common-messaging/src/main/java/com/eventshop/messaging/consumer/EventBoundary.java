package com.eventshop.messaging.consumer;

/**
 * Ends the unit of work of one event inside a batch's transaction. Handlers share that
 * transaction, so whatever a persistence framework keeps for it (JPA's persistence
 * context) would otherwise grow with the batch, and every later event's query would
 * flush-check all that came before.
 */
@FunctionalInterface
interface EventBoundary {

	/** Nothing to end: plain JDBC keeps no state between statements. */
	EventBoundary NONE = () -> {
	};

	/** Called after each handled event, inside the batch's transaction. */
	void afterEvent();

}
