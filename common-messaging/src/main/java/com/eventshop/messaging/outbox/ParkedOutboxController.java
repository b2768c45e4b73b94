package com.eventshop.messaging.outbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator listing of the outbox rows the relay parked, under {@code /api/admin/outbox}
 * (operators only, like every {@code /api/admin/**} path): oldest first, with the reason
 * and the attempts, without the payload.
 */
@RestController
@RequestMapping("/api/admin/outbox")
public class ParkedOutboxController {

	private final JdbcClient jdbc;

	ParkedOutboxController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping(path = "/parked", produces = "application/json")
	ParkedOutboxPage parked(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		int pageSize = Math.clamp(size, 1, 500);
		int pageNumber = Math.max(page, 0);
		long total = this.jdbc
			.sql("select count(*) from messaging.outbox where parked_at is not null and published_at is null")
			.query(Long.class)
			.single();
		List<ParkedOutboxRow> rows = this.jdbc.sql("""
				select id, event_id, topic, record_key, event_type, created_at, parked_at, attempts, park_reason,
				       last_error, octet_length(payload) as payload_bytes
				from messaging.outbox where parked_at is not null and published_at is null
				order by id limit ? offset ?""")
			.params(pageSize, (long) pageNumber * pageSize)
			.query(ParkedOutboxRow.class)
			.list();
		return new ParkedOutboxPage(rows, pageNumber, pageSize, total);
	}

	/**
	 * A parked outbox row.
	 *
	 * @param parkReason why it was parked: Kafka's answer, or the parked row of its key
	 * it waits behind
	 * @param lastError Kafka's last refusal of this row itself, if any
	 */
	public record ParkedOutboxRow(long id, UUID eventId, String topic, String recordKey, String eventType,
			OffsetDateTime createdAt, OffsetDateTime parkedAt, int attempts, String parkReason,
			@Nullable String lastError, long payloadBytes) {
	}

	/** One page of parked rows, oldest first. */
	public record ParkedOutboxPage(List<ParkedOutboxRow> rows, int page, int size, long total) {
	}

}
