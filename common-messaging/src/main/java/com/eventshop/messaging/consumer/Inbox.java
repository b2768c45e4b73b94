package com.eventshop.messaging.consumer;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The handled events of each consumer, in {@code messaging.inbox}.
 */
final class Inbox {

	private final JdbcClient jdbc;

	Inbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records that a consumer handles an event, in the caller's transaction. A concurrent
	 * transaction recording the same event waits for this one and then finds the row.
	 * @return false when the event was already handled
	 */
	boolean record(String consumer, EventContext context) {
		return this.jdbc.sql("""
				insert into messaging.inbox (consumer, event_id, event_type, topic, partition, kafka_offset)
				values (?, ?, ?, ?, ?, ?)
				on conflict (consumer, event_id) do nothing""")
			.params(consumer, context.eventId(), context.type(), context.topic(), context.partition(), context.offset())
			.update() == 1;
	}

	/** Limits how long the current transaction waits for locks. */
	void limitLockWait(Duration timeout) {
		if (!timeout.isZero()) {
			this.jdbc.sql("select set_config('lock_timeout', ?, true)")
				.param(timeout.toMillis() + "ms")
				.query(String.class)
				.single();
		}
	}

	int purgeOlderThan(Duration retention) {
		return this.jdbc.sql("delete from messaging.inbox where handled_at < ?")
			.param(Timestamp.from(Instant.now().minus(retention)))
			.update();
	}

}
