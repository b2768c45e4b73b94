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
 */
public record DeadLetter(String group, String topic, int partition, long offset, @Nullable String key,
		@Nullable String type, @Nullable String eventId, @Nullable String reason, @Nullable String failureClass,
		@Nullable String failureMessage, Instant deadLetteredAt, String payloadPreview, String status) {

	/**
	 * Where a dead letter is.
	 *
	 * @param topic the dead-letter topic
	 * @param partition the partition
	 * @param offset the offset
	 */
	public record Ref(String topic, int partition, long offset) {
	}

}
