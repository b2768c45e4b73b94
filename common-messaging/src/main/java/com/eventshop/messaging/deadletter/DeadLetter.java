package com.eventshop.messaging.deadletter;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One record of a dead-letter topic, as an operator sees it.
 *
 * @param group the consumer group that failed it
 * @param topic the dead-letter topic
 * @param partition its partition there
 * @param offset its offset there
 * @param key the record key (the order id)
 * @param type {@code ce_type}, if present
 * @param eventId {@code ce_id}, if present
 * @param reason why it was dead-lettered: a poison reason or {@code RETRIES_EXHAUSTED}
 * @param failureClass the exception class of the last failure
 * @param failureMessage its message
 * @param deadLetteredAt when it was written to the dead-letter topic
 * @param payloadPreview the start of the value, as text
 * @param status {@code NEW}, {@code REPLAYED} or {@code PARKED}
 * @param heldBehind how many of the group's later events of the same order wait behind
 * this one (0 when none: see {@code GET /api/admin/dead-letters/held})
 */
public record DeadLetter(String group, String topic, int partition, long offset, @Nullable String key,
		@Nullable String type, @Nullable String eventId, @Nullable String reason, @Nullable String failureClass,
		@Nullable String failureMessage, Instant deadLetteredAt, String payloadPreview, String status, int heldBehind) {

	/**
	 * Where a dead letter is.
	 *
	 * @param topic the dead-letter topic
	 * @param partition the partition
	 * @param offset the offset
	 */
	public record Ref(String topic, int partition, long offset) {
	}

	/**
	 * What parking a dead letter does with the events held behind it.
	 */
	public enum HeldChoice {

		/**
		 * Handle them, in the order they arrived, as if the parked one had been handled.
		 */
		HANDLE,

		/**
		 * Park them too: they stay on record, and the order's next events are handled.
		 */
		PARK

	}

}
