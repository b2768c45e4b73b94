package com.eventshop.messaging.consumer;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a handler may want to know about the event beyond its data.
 *
 * @param eventId {@code ce_id}
 * @param type {@code ce_type}
 * @param source {@code ce_source}
 * @param time {@code ce_time}, when the event happened
 * @param correlationId {@code ce_correlationid}
 * @param topic topic the record was read from
 * @param partition its partition
 * @param offset its offset
 * @param group the consumer group handling it
 */
public record EventContext(UUID eventId, String type, @Nullable String source, @Nullable Instant time,
		@Nullable String correlationId, String topic, int partition, long offset, String group) {
}
