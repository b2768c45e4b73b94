package com.eventshop.messaging.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One row of {@code messaging.outbox}, as the relay reads it.
 *
 * @param attempts earlier attempts that Kafka refused for good (too large, invalid)
 */
record OutboxRow(long id, UUID eventId, String topic, String recordKey, String eventType, String source, String subject,
		@Nullable String correlationId, @Nullable String causationId, @Nullable String traceparent,
		OffsetDateTime occurredAt, OffsetDateTime createdAt, byte[] payload, int attempts) {
}
