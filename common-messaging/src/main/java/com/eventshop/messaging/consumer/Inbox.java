package com.eventshop.messaging.consumer;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The handled events of each consumer, in {@code messaging.inbox}.
 */
final class Inbox {

	private final JdbcClient jdbc;

	Inbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records that a consumer handles these events, in the caller's transaction, with one
	 * statement. A concurrent transaction recording one of the same events waits for this
	 * one and then finds the row.
	 * @return the ids of the events not handled before (an id given twice counts once)
	 */
	Set<UUID> record(String consumer, List<EventContext> events) {
		int size = events.size();
		UUID[] ids = new UUID[size];
		String[] types = new String[size];
		String[] topics = new String[size];
		Integer[] partitions = new Integer[size];
		Long[] offsets = new Long[size];
		for (int i = 0; i < size; i++) {
			EventContext event = events.get(i);
			ids[i] = event.eventId();
			types[i] = event.type();
			topics[i] = event.topic();
			partitions[i] = event.partition();
			offsets[i] = event.offset();
		}
		return new HashSet<>(this.jdbc.sql("""
				insert into messaging.inbox (consumer, event_id, event_type, topic, partition, kafka_offset)
				select ?, event_id, event_type, topic, partition, kafka_offset
				from unnest(?, ?, ?, ?, ?) as e (event_id, event_type, topic, partition, kafka_offset)
				on conflict (consumer, event_id) do nothing
				returning event_id""")
			.params(consumer, new SqlArrayValue("uuid", (Object[]) ids), new SqlArrayValue("text", (Object[]) types),
					new SqlArrayValue("text", (Object[]) topics), new SqlArrayValue("int4", (Object[]) partitions),
					new SqlArrayValue("int8", (Object[]) offsets))
			.query(UUID.class)
			.list());
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

}
