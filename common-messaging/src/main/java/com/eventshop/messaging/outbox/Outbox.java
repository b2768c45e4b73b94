package com.eventshop.messaging.outbox;

import java.util.UUID;

import com.eventshop.events.ShopEvent;
import org.jspecify.annotations.Nullable;

/**
 * Stores events for publication in the caller's database transaction. When that
 * transaction commits, the relay publishes them; when it rolls back, they are gone with
 * it.
 */
public interface Outbox {

	/**
	 * Appends an event that starts a flow (no causing event).
	 * @param event the event
	 * @return the event id ({@code ce_id})
	 * @throws IllegalStateException when no transaction is active
	 */
	default UUID append(ShopEvent event) {
		return append(event, null);
	}

	/**
	 * Appends an event caused by another one.
	 * @param event the event
	 * @param causationId the id of the event that caused it, if any
	 * @return the event id ({@code ce_id})
	 * @throws IllegalStateException when no transaction is active
	 */
	UUID append(ShopEvent event, @Nullable UUID causationId);

}
