package com.eventshop.messaging.outbox;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The relay's statements on {@code messaging.outbox}. Each runs in its own short
 * transaction (auto-commit): none is ever open while the relay waits for Kafka.
 */
final class OutboxRows {

	private final JdbcClient jdbc;

	OutboxRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The oldest rows waiting to be published, in id order. */
	List<OutboxRow> next(int limit) {
		return this.jdbc.sql("""
				select id, event_id, topic, record_key, event_type, source, subject, correlation_id,
				       causation_id, traceparent, occurred_at, created_at, payload, attempts
				from messaging.outbox where published_at is null and parked_at is null order by id limit ?""")
			.param(limit)
			.query(OutboxRow.class)
			.list();
	}

	/**
	 * Of the given keys, those with a parked row, each with the id of its first parked
	 * row: their later rows must wait behind it.
	 */
	Map<String, Long> parkedKeys(Collection<String> keys) {
		Map<String, Long> parked = new HashMap<>();
		this.jdbc.sql("""
				select record_key, min(id) from messaging.outbox
				where parked_at is not null and published_at is null and record_key = any(?)
				group by record_key""")
			.param(keys.toArray(String[]::new))
			.query((rs, n) -> parked.put(rs.getString(1), rs.getLong(2)))
			.list();
		return parked;
	}

	void markPublished(List<Long> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.sql("update messaging.outbox set published_at = clock_timestamp() where id = any(?)")
				.param(ids.toArray(Long[]::new))
				.update();
		}
	}

	/**
	 * Counts an attempt that Kafka refused for good.
	 * @return the attempts so far, this one included
	 */
	int refused(long id, String error) {
		return this.jdbc
			.sql("update messaging.outbox set attempts = attempts + 1, last_error = ? where id = ? returning attempts")
			.params(error, id)
			.query(Integer.class)
			.single();
	}

	/**
	 * Parks a row with its reason, and every later unpublished row of its key behind it.
	 * @return the rows parked, the given one included
	 */
	int park(OutboxRow row, String reason) {
		int parked = this.jdbc
			.sql("update messaging.outbox set parked_at = clock_timestamp(), park_reason = ? where id = ?")
			.params(reason, row.id())
			.update();
		return parked + parkBehind(row.recordKey(), row.id());
	}

	/**
	 * Parks the unpublished rows of a key that come after one of its parked rows.
	 * @return the rows parked
	 */
	int parkBehind(String key, long parkedId) {
		return this.jdbc.sql("""
				update messaging.outbox set parked_at = clock_timestamp(), park_reason = ?
				where record_key = ? and id > ? and published_at is null and parked_at is null""")
			.params("waits behind parked outbox row " + parkedId + " of the same key", key, parkedId)
			.update();
	}

}
