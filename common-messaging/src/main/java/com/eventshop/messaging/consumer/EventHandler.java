package com.eventshop.messaging.consumer;

/**
 * Handles one event type. Runs inside the transaction that also records the event in the
 * inbox: whatever it writes to the database commits exactly once per event. It throws to
 * ask for a retry; a {@link PoisonEventException} sends the record straight to the
 * dead-letter topic.
 *
 * @param <T> the event record
 */
@FunctionalInterface
public interface EventHandler<T> {

	void handle(T event, EventContext context);

}
