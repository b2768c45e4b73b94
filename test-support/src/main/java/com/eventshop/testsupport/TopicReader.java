package com.eventshop.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * Reads a topic from the beginning of every partition, outside any consumer group, so a
 * test sees exactly what is on the topic without disturbing the services' groups.
 */
public final class TopicReader implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

	public TopicReader(String bootstrapServers, String topic) {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.CLIENT_ID_CONFIG,
						"topic-reader-" + UUID.randomUUID(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
						ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
				new StringDeserializer(), new ByteArrayDeserializer());
		await().atMost(Duration.ofSeconds(60))
			.until(() -> !this.consumer.partitionsFor(topic, Duration.ofSeconds(5)).isEmpty());
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
	}

	/** Every record read so far, after one more poll. */
	public List<ConsumerRecord<String, byte[]>> poll() {
		this.consumer.poll(Duration.ofMillis(200)).forEach(this.records::add);
		return List.copyOf(this.records);
	}

	/**
	 * Polls until the records read so far satisfy the condition.
	 * @return every record read
	 */
	public List<ConsumerRecord<String, byte[]>> awaitRecords(Duration timeout,
			Predicate<List<ConsumerRecord<String, byte[]>>> condition) {
		// A boolean condition, so that a timeout
		// reports a count rather than every record.
		await().atMost(timeout)
			.pollInterval(Duration.ZERO)
			.alias("expected records on the topic (" + this.records.size() + " read so far)")
			.until(() -> condition.test(poll()));
		return List.copyOf(this.records);
	}

	/** The records with this key, in topic order. */
	public List<ConsumerRecord<String, byte[]>> withKey(String key) {
		return this.records.stream().filter((r) -> key.equals(r.key())).toList();
	}

	/**
	 * The sum of the end offsets of the topic's partitions: how many records it ever had.
	 */
	public long endOffsetSum() {
		return this.consumer.endOffsets(this.consumer.assignment()).values().stream().mapToLong(Long::longValue).sum();
	}

	public static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public void close() {
		this.consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
	}

}
