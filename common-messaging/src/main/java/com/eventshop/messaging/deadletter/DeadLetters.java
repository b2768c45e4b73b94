package com.eventshop.messaging.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.messaging.consumer.EventConsumer;
import com.eventshop.messaging.consumer.HeldSequences;
import com.eventshop.messaging.consumer.ListenerContainers;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The dead-letter topics of this service's consumer groups. A replay writes the record,
 * with its original headers, to the group's own replay topic
 * ({@code <topic>.<group>.retry}), which no other group reads; the group's inbox makes a
 * replay of an already handled event a no-op.
 */
public class DeadLetters {

	/** Header on a replayed record: the dead letter it came from. */
	public static final String REPLAY_OF_HEADER = "eventshop_replay_of";

	private static final int PREVIEW_BYTES = 512;

	/** Longest wait for one answer of the broker. */
	private static final Duration KAFKA_WAIT = Duration.ofSeconds(10);

	private final Map<String, EventConsumer> groupByDeadLetterTopic = new HashMap<>();

	private final ConsumerFactory<byte[], byte[]> consumerFactory;

	private final KafkaTemplate<byte[], byte[]> producer;

	private final JdbcClient jdbc;

	private final int maxRecords;

	private final HeldSequences held;

	public DeadLetters(List<EventConsumer> consumers, ConsumerFactory<byte[], byte[]> consumerFactory,
			KafkaTemplate<byte[], byte[]> producer, JdbcClient jdbc, int maxRecords, HeldSequences held) {
		for (EventConsumer consumer : consumers) {
			consumer.topics()
				.forEach((topic) -> this.groupByDeadLetterTopic.put(consumer.deadLetterTopic(topic), consumer));
		}
		this.consumerFactory = consumerFactory;
		this.producer = producer;
		this.jdbc = jdbc;
		this.maxRecords = maxRecords;
		this.held = held;
	}

	/** Every dead letter of this service (up to the configured maximum), newest first. */
	public List<DeadLetter> list() {
		Map<String, String> statuses = statuses();
		Map<HeldSequences.Blocker, Integer> waiting = this.held.waitingBehindBlockers();
		List<DeadLetter> letters = new ArrayList<>();
		for (String topic : this.groupByDeadLetterTopic.keySet()) {
			for (ConsumerRecord<byte[], byte[]> record : read(topic, null)) {
				letters.add(view(record, statuses, waiting));
			}
		}
		letters.sort(Comparator.comparing(DeadLetter::deadLetteredAt).reversed());
		return (letters.size() > this.maxRecords) ? letters.subList(0, this.maxRecords) : letters;
	}

	/**
	 * How many records each dead-letter topic holds, by group. Blocks while Kafka does
	 * not answer, up to a few bounded waits; not for a request thread.
	 */
	public Map<String, Long> depthByGroup() {
		Map<String, Long> depth = new HashMap<>();
		try (Consumer<byte[], byte[]> consumer = this.consumerFactory
			.createConsumer("dead-letters-" + UUID.randomUUID(), "dead-letter-depth")) {
			this.groupByDeadLetterTopic.forEach((topic, group) -> {
				List<TopicPartition> partitions = partitions(consumer, topic);
				long begin = consumer.beginningOffsets(partitions, KAFKA_WAIT)
					.values()
					.stream()
					.mapToLong(Long::longValue)
					.sum();
				long end = consumer.endOffsets(partitions, KAFKA_WAIT)
					.values()
					.stream()
					.mapToLong(Long::longValue)
					.sum();
				depth.merge(group.group(), end - begin, Long::sum);
			});
		}
		return depth;
	}

	/**
	 * Replays dead letters to the group that failed them.
	 * @param refs the records; when empty, every record not yet replayed or parked
	 * @return how many were replayed
	 */
	public int replay(List<DeadLetter.Ref> refs, String actor) {
		List<ConsumerRecord<byte[], byte[]>> records = refs.isEmpty() ? open() : fetch(refs);
		for (ConsumerRecord<byte[], byte[]> record : records) {
			EventConsumer group = group(record.topic());
			String source = this.originalTopic(record);
			RecordHeaders headers = new RecordHeaders();
			for (Header header : record.headers()) {
				if (!header.key().startsWith(KafkaHeaders.PREFIX)
						&& !header.key().equals(ListenerContainers.REASON_HEADER)) {
					headers.add(header);
				}
			}
			headers.add(REPLAY_OF_HEADER, ref(record).toString().getBytes(StandardCharsets.UTF_8));
			send(new ProducerRecord<>(group.retryTopic(source), null, record.key(), record.value(), headers));
			audit(group, record, "REPLAYED", actor, null);
		}
		return records.size();
	}

	/**
	 * Parks dead letters: they stay on the topic for the record, but count as dealt with.
	 * A dead letter that holds its order's later events releases them: they are handled
	 * in order ({@link DeadLetter.HeldChoice#HANDLE}: the first is replayed to the group,
	 * and its handling handles the rest) or parked too
	 * ({@link DeadLetter.HeldChoice#PARK}).
	 * @param choice what happens to held events; required when any wait behind a record
	 * @return how many were parked
	 * @throws IllegalArgumentException when events wait behind a record and no choice was
	 * given
	 */
	public int park(List<DeadLetter.Ref> refs, String actor, @Nullable String note,
			DeadLetter.@Nullable HeldChoice choice) {
		List<ConsumerRecord<byte[], byte[]>> records = fetch(refs);
		if (choice == null) {
			Map<HeldSequences.Blocker, Integer> waiting = this.held.waitingBehindBlockers();
			for (ConsumerRecord<byte[], byte[]> record : records) {
				HeldSequences.Blocker blocker = blocker(record);
				int behind = (blocker != null) ? waiting.getOrDefault(blocker, 0) : 0;
				if (behind > 0) {
					throw new IllegalArgumentException(behind + " later events of the same order wait behind "
							+ ref(record) + ": say what happens to them, \"held\": \"HANDLE\" or \"PARK\"");
				}
			}
		}
		for (ConsumerRecord<byte[], byte[]> record : records) {
			EventConsumer group = group(record.topic());
			audit(group, record, "PARKED", actor, note);
			HeldSequences.Blocker blocker = blocker(record);
			if (blocker == null) {
				continue;
			}
			if (choice == DeadLetter.HeldChoice.PARK) {
				this.held.parkBehind(blocker, actor);
			}
			else {
				// Also when nothing waits: the order's next events are handled again.
				this.held.handOn(blocker).ifPresent((first) -> {
					RecordHeaders headers = new RecordHeaders(first.headers().toArray());
					send(new ProducerRecord<>(group.retryTopic(group.sourceTopic(first.topic())), null, first.key(),
							first.value(), headers));
				});
			}
		}
		return records.size();
	}

	/** Events held behind dead letters, waiting ones first, oldest first. */
	public List<HeldSequences.HeldEvent> held(int offset, int limit) {
		return this.held.list(offset, limit);
	}

	/** How many held events there are, waiting or parked. */
	public long heldCount() {
		return this.held.count();
	}

	/** Events waiting behind dead letters, by group; a database query. */
	public Map<String, Long> waitingByGroup() {
		return this.held.waitingByGroup();
	}

	private HeldSequences.@Nullable Blocker blocker(ConsumerRecord<byte[], byte[]> record) {
		String id = text(record, CloudEventHeaders.ID);
		if (id == null) {
			return null;
		}
		try {
			return new HeldSequences.Blocker(group(record.topic()).group(), UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The audit trail, newest first. */
	public List<Map<String, Object>> actions(int limit) {
		return this.jdbc.sql("""
				select consumer, dlt_topic, dlt_partition, dlt_offset, action, actor, note, acted_at
				from messaging.dead_letter_action order by id desc limit ?""").param(limit).query().listOfRows();
	}

	private List<ConsumerRecord<byte[], byte[]>> open() {
		Map<String, String> statuses = statuses();
		List<ConsumerRecord<byte[], byte[]>> open = new ArrayList<>();
		for (String topic : this.groupByDeadLetterTopic.keySet()) {
			read(topic, null).stream().filter((r) -> !statuses.containsKey(ref(r).toString())).forEach(open::add);
		}
		return open;
	}

	private List<ConsumerRecord<byte[], byte[]>> fetch(List<DeadLetter.Ref> refs) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		for (DeadLetter.Ref ref : refs) {
			group(ref.topic());
			List<ConsumerRecord<byte[], byte[]>> found = read(ref.topic(), ref);
			if (found.isEmpty()) {
				throw new DeadLetterNotFoundException(ref);
			}
			records.add(found.getFirst());
		}
		return records;
	}

	/** Reads a whole dead-letter topic, or only the record at {@code only}. */
	private List<ConsumerRecord<byte[], byte[]>> read(String topic, DeadLetter.@Nullable Ref only) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (Consumer<byte[], byte[]> consumer = this.consumerFactory
			.createConsumer("dead-letters-" + UUID.randomUUID(), "dead-letter-reader")) {
			List<TopicPartition> partitions = (only != null) ? List.of(new TopicPartition(topic, only.partition()))
					: partitions(consumer, topic);
			consumer.assign(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			if (only != null) {
				if (only.offset() >= end.get(partitions.getFirst())) {
					return records;
				}
				consumer.seek(partitions.getFirst(), only.offset());
				end = Map.of(partitions.getFirst(), only.offset() + 1);
			}
			else {
				consumer.seekToBeginning(partitions);
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (!reached(consumer, end) && System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
						records.add(record);
					}
				}
			}
		}
		if (only != null) {
			records.removeIf((r) -> r.offset() != only.offset());
		}
		return records;
	}

	private static boolean reached(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
		return end.entrySet().stream().allMatch((e) -> consumer.position(e.getKey()) >= e.getValue());
	}

	private static List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer, String topic) {
		return consumer.partitionsFor(topic, KAFKA_WAIT)
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
	}

	private EventConsumer group(String deadLetterTopic) {
		EventConsumer group = this.groupByDeadLetterTopic.get(deadLetterTopic);
		if (group == null) {
			throw new DeadLetterNotFoundException(new DeadLetter.Ref(deadLetterTopic, -1, -1));
		}
		return group;
	}

	private String originalTopic(ConsumerRecord<byte[], byte[]> record) {
		EventConsumer group = group(record.topic());
		String original = text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
		return group.sourceTopic((original != null) ? original
				: record.topic().substring(0, record.topic().length() - ("." + group.group() + ".dlt").length()));
	}

	private void send(ProducerRecord<byte[], byte[]> record) {
		try {
			this.producer.send(record).get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while replaying", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not accept the replay of " + record.topic(), ex);
		}
	}

	private void audit(EventConsumer group, ConsumerRecord<byte[], byte[]> record, String action, String actor,
			@Nullable String note) {
		this.jdbc
			.sql("""
					insert into messaging.dead_letter_action (consumer, dlt_topic, dlt_partition, dlt_offset, action, actor, note)
					values (?, ?, ?, ?, ?, ?, ?)""")
			.params(group.group(), record.topic(), record.partition(), record.offset(), action, actor, note)
			.update();
	}

	/** The latest action per dead letter, keyed by {@link DeadLetter.Ref#toString()}. */
	private Map<String, String> statuses() {
		Map<String, String> statuses = new HashMap<>();
		this.jdbc
			.sql("select dlt_topic, dlt_partition, dlt_offset, action from messaging.dead_letter_action order by id")
			.query((rs) -> {
				statuses.put(new DeadLetter.Ref(rs.getString(1), rs.getInt(2), rs.getLong(3)).toString(),
						rs.getString(4));
			});
		return statuses;
	}

	private DeadLetter view(ConsumerRecord<byte[], byte[]> record, Map<String, String> statuses,
			Map<HeldSequences.Blocker, Integer> waiting) {
		HeldSequences.Blocker blocker = blocker(record);
		byte[] value = (record.value() != null) ? record.value() : new byte[0];
		String preview = new String(value, 0, Math.min(value.length, PREVIEW_BYTES), StandardCharsets.UTF_8);
		return new DeadLetter(group(record.topic()).group(), record.topic(), record.partition(), record.offset(),
				(record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : null,
				text(record, CloudEventHeaders.TYPE), text(record, CloudEventHeaders.ID),
				text(record, ListenerContainers.REASON_HEADER), text(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN),
				text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE), Instant.ofEpochMilli(record.timestamp()), preview,
				statuses.getOrDefault(ref(record).toString(), "NEW"),
				(blocker != null) ? waiting.getOrDefault(blocker, 0) : 0);
	}

	private static DeadLetter.Ref ref(ConsumerRecord<?, ?> record) {
		return new DeadLetter.Ref(record.topic(), record.partition(), record.offset());
	}

	private static @Nullable String text(ConsumerRecord<?, ?> record, String header) {
		Header last = record.headers().lastHeader(header);
		return (last != null && last.value() != null) ? new String(last.value(), StandardCharsets.UTF_8) : null;
	}

}
