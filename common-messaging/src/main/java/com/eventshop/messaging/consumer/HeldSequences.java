package com.eventshop.messaging.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.eventshop.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The held sequences of each consumer group, in {@code messaging.held_key} and
 * {@code messaging.held_event}. When a group dead-letters an event after its retries, the
 * event's key (its order id) is held behind it: the group's later events of that key,
 * from any of its topics, are stored here in arrival order instead of being handled.
 * Handling the dead-lettered event (its replay) handles them after it, in the same
 * transaction; parking it hands them on or parks them too.
 * <p>
 * Every statement runs in the caller's transaction, except where a method says otherwise.
 * A listener reading a held key takes a share lock on its row, and a release an update
 * lock: an event is never held behind a sequence that is being released.
 */
public final class HeldSequences {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	public HeldSequences(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * Holds a key behind a dead-lettered event, in a transaction of its own, before the
	 * dead letter is written; a key already held keeps its first blocker.
	 */
	void holdBehind(String group, String key, UUID eventId, String type) {
		this.jdbc.sql("""
				insert into messaging.held_key (consumer, record_key, blocker_event_id, blocker_type)
				values (?, ?, ?, ?) on conflict (consumer, record_key) do nothing""")
			.params(group, key, eventId, type)
			.update();
	}

	/**
	 * Which of these keys are held for the group, with the event each waits behind;
	 * share-locks their rows until the caller's transaction ends.
	 */
	Map<String, UUID> held(String group, Collection<String> keys) {
		Map<String, UUID> held = new HashMap<>();
		if (keys.isEmpty()) {
			return held;
		}
		this.jdbc.sql("""
				select record_key, blocker_event_id from messaging.held_key
				where consumer = ? and record_key = any(?) for share""")
			.params(group, new SqlArrayValue("text", keys.toArray()))
			.query((rs) -> {
				held.put(rs.getString(1), rs.getObject(2, UUID.class));
			});
		return held;
	}

	/** Stores an event of a held key; a redelivered one is stored once. */
	void hold(String group, String key, EventContext event, ConsumerRecord<byte[], byte[]> record) {
		this.jdbc.sql("""
				insert into messaging.held_event
				  (consumer, record_key, event_id, event_type, topic, partition, kafka_offset, headers, payload)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (consumer, event_id) do nothing""")
			.params(group, key, event.eventId(), event.type(), record.topic(), record.partition(), record.offset(),
					encode(record.headers()), record.value())
			.update();
	}

	/**
	 * Releases a held key: update-locks it, and returns its waiting events in arrival
	 * order, deleting them and the key. Nothing when the key is not held.
	 */
	List<ConsumerRecord<byte[], byte[]>> release(String group, String key) {
		boolean held = this.jdbc
			.sql("select 1 from messaging.held_key where consumer = ? and record_key = ? for update")
			.params(group, key)
			.query(Integer.class)
			.optional()
			.isPresent();
		if (!held) {
			return List.of();
		}
		List<ConsumerRecord<byte[], byte[]>> waiting = this.jdbc.sql("""
				delete from messaging.held_event where consumer = ? and record_key = ? and parked_at is null
				returning id, topic, partition, kafka_offset, record_key, headers, payload""")
			.params(group, key)
			.query((rs, row) -> new Held(rs.getLong(1),
					record(rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5), rs.getString(6),
							rs.getBytes(7))))
			.list()
			.stream()
			.sorted((a, b) -> Long.compare(a.id(), b.id()))
			.map(Held::record)
			.toList();
		this.jdbc.sql("delete from messaging.held_key where consumer = ? and record_key = ?")
			.params(group, key)
			.update();
		return waiting;
	}

	/** How many events wait behind each held key's blocker, by group and event id. */
	public Map<Blocker, Integer> waitingBehindBlockers() {
		Map<Blocker, Integer> waiting = new HashMap<>();
		this.jdbc.sql("""
				select k.consumer, k.blocker_event_id, count(e.id) from messaging.held_key k
				left join messaging.held_event e
				  on e.consumer = k.consumer and e.record_key = k.record_key and e.parked_at is null
				group by k.consumer, k.blocker_event_id""").query((rs) -> {
			waiting.put(new Blocker(rs.getString(1), rs.getObject(2, UUID.class)), rs.getInt(3));
		});
		return waiting;
	}

	/** Events waiting in held sequences, by group. */
	public Map<String, Long> waitingByGroup() {
		Map<String, Long> waiting = new HashMap<>();
		this.jdbc.sql("select consumer, count(*) from messaging.held_event where parked_at is null group by consumer")
			.query((rs) -> {
				waiting.put(rs.getString(1), rs.getLong(2));
			});
		return waiting;
	}

	/** Held events, waiting ones first, then parked ones; oldest first within each. */
	public List<HeldEvent> list(int offset, int limit) {
		return this.jdbc.sql("""
				select e.consumer, e.record_key, e.event_id, e.event_type, e.topic, e.partition, e.kafka_offset,
				       e.held_at, k.blocker_event_id, k.blocker_type, e.parked_at, e.parked_by
				from messaging.held_event e
				left join messaging.held_key k on k.consumer = e.consumer and k.record_key = e.record_key
				order by (e.parked_at is not null), e.id offset ? limit ?""")
			.params(offset, limit)
			.query((rs, row) -> new HeldEvent(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), rs.getInt(6), rs.getLong(7), rs.getTimestamp(8).toInstant(),
					(rs.getTimestamp(11) != null) ? "PARKED" : "HELD", rs.getObject(9, UUID.class), rs.getString(10),
					(rs.getTimestamp(11) != null) ? rs.getTimestamp(11).toInstant() : null, rs.getString(12)))
			.list();
	}

	/** All held events, waiting or parked. */
	public long count() {
		return this.jdbc.sql("select count(*) from messaging.held_event").query(Long.class).single();
	}

	/**
	 * Ends a key's hold because its blocker was parked, parking its waiting events too,
	 * in a transaction of its own.
	 * @return how many events were parked
	 */
	public int parkBehind(Blocker blocker, String actor) {
		Integer parked = this.transactions.execute((status) -> {
			Optional<String> key = lockKey(blocker);
			if (key.isEmpty()) {
				return 0;
			}
			int count = this.jdbc.sql("""
					update messaging.held_event set parked_at = clock_timestamp(), parked_by = ?
					where consumer = ? and record_key = ? and parked_at is null""")
				.params(actor, blocker.group(), key.get())
				.update();
			this.jdbc.sql("delete from messaging.held_key where consumer = ? and record_key = ?")
				.params(blocker.group(), key.get())
				.update();
			return count;
		});
		return (parked != null) ? parked : 0;
	}

	/**
	 * Hands a key's hold on from its parked blocker to its first waiting event, in a
	 * transaction of its own: the caller then sends that event to the group's replay
	 * topic, and its handling releases the others after it, in order. A key with nothing
	 * waiting is simply released.
	 * @return the first waiting event, to be replayed; empty when none waited
	 */
	public Optional<ConsumerRecord<byte[], byte[]>> handOn(Blocker blocker) {
		return this.transactions.execute((status) -> {
			Optional<String> key = lockKey(blocker);
			if (key.isEmpty()) {
				return Optional.empty();
			}
			Optional<Held> first = this.jdbc.sql("""
					select id, topic, partition, kafka_offset, record_key, headers, payload
					from messaging.held_event where consumer = ? and record_key = ? and parked_at is null
					order by id limit 1""")
				.params(blocker.group(), key.get())
				.query((rs, row) -> new Held(rs.getLong(1),
						record(rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5), rs.getString(6),
								rs.getBytes(7))))
				.optional();
			if (first.isPresent()) {
				ConsumerRecord<byte[], byte[]> next = first.get().record();
				this.jdbc
					.sql("update messaging.held_key set blocker_event_id = ?, blocker_type = ?"
							+ " where consumer = ? and record_key = ?")
					.params(UUID.fromString(header(next, CloudEventHeaders.ID)), header(next, CloudEventHeaders.TYPE),
							blocker.group(), key.get())
					.update();
			}
			else {
				this.jdbc.sql("delete from messaging.held_key where consumer = ? and record_key = ?")
					.params(blocker.group(), key.get())
					.update();
			}
			return first.map(Held::record);
		});
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		String value = EventReader.header(record, name);
		if (value == null) {
			throw new IllegalStateException("A held event without " + name + ": " + record);
		}
		return value;
	}

	private Optional<String> lockKey(Blocker blocker) {
		return this.jdbc
			.sql("select record_key from messaging.held_key where consumer = ? and blocker_event_id = ? for update")
			.params(blocker.group(), blocker.eventId())
			.query(String.class)
			.optional();
	}

	private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, String key,
			String headers, byte @Nullable [] payload) {
		byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
		return new ConsumerRecord<>(topic, partition, offset, ConsumerRecord.NO_TIMESTAMP,
				TimestampType.NO_TIMESTAMP_TYPE, keyBytes.length, (payload != null) ? payload.length : -1, keyBytes,
				payload, decode(headers), Optional.empty());
	}

	/**
	 * Headers as lines of {@code base64(name) base64(value)}; a null value is {@code -}.
	 */
	static String encode(Headers headers) {
		StringBuilder text = new StringBuilder();
		Base64.Encoder base64 = Base64.getEncoder();
		for (Header header : headers) {
			text.append(base64.encodeToString(header.key().getBytes(StandardCharsets.UTF_8)))
				.append(' ')
				.append((header.value() != null) ? base64.encodeToString(header.value()) : "-")
				.append('\n');
		}
		return text.toString();
	}

	static Headers decode(String text) {
		RecordHeaders headers = new RecordHeaders();
		Base64.Decoder base64 = Base64.getDecoder();
		for (String line : text.split("\n")) {
			if (line.isEmpty()) {
				continue;
			}
			String[] parts = line.split(" ", 2);
			headers.add(new String(base64.decode(parts[0]), StandardCharsets.UTF_8),
					parts[1].equals("-") ? null : base64.decode(parts[1]));
		}
		return headers;
	}

	/**
	 * A dead-lettered event that may hold its key.
	 *
	 * @param group the consumer group
	 * @param eventId the event's {@code ce_id}
	 */
	public record Blocker(String group, UUID eventId) {
	}

	/**
	 * An event held behind a dead-lettered one, as an operator sees it.
	 *
	 * @param group the consumer group that holds it
	 * @param key the record key (the order id)
	 * @param eventId {@code ce_id}
	 * @param type {@code ce_type}
	 * @param topic the topic it was read from
	 * @param partition its partition there
	 * @param offset its offset there
	 * @param heldAt when it was held
	 * @param status {@code HELD} (waiting) or {@code PARKED} (its blocker was parked, and
	 * it with it)
	 * @param behindEventId the dead-lettered event it waits behind, while it waits
	 * @param behindType that event's type
	 * @param parkedAt when it was parked
	 * @param parkedBy who parked it
	 */
	public record HeldEvent(String group, String key, UUID eventId, String type, String topic, int partition,
			long offset, Instant heldAt, String status, @Nullable UUID behindEventId, @Nullable String behindType,
			@Nullable Instant parkedAt, @Nullable String parkedBy) {
	}

	private record Held(long id, ConsumerRecord<byte[], byte[]> record) {
	}

}
