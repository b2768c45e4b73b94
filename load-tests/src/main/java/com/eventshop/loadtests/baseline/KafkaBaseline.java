package com.eventshop.loadtests.baseline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventTypes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The limit of the broker on this machine: records like the outbox relay's (same key,
 * payload and CloudEvents headers, {@code acks=all}, idempotent, the relay's linger)
 * produced as fast as the client can, then consumed back, on a scratch topic with the
 * event topics' partitions, copies ({@code replication}) and {@code min.insync.replicas}:
 * on a scaled stack, three copies of which two must be in sync, so the figure includes
 * what replication costs a write.
 */
public final class KafkaBaseline {

	private final String bootstrapServers;

	private final int partitions;

	private final int replication;

	private final int minInSync;

	/**
	 * @param bootstrapServers the cluster's brokers
	 * @param partitions partitions of the scratch topic
	 * @param replication copies of each partition
	 * @param minInSync copies that must have a record before {@code acks=all} answers
	 */
	public KafkaBaseline(String bootstrapServers, int partitions, int replication, int minInSync) {
		this.bootstrapServers = bootstrapServers;
		this.partitions = partitions;
		this.replication = replication;
		this.minInSync = minInSync;
	}

	public Result run(int records, byte[] payload) throws Exception {
		String topic = "benchmark.baseline." + UUID.randomUUID().toString().substring(0, 8);
		Properties adminConfig = new Properties();
		adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		try (Admin admin = Admin.create(adminConfig)) {
			NewTopic scratch = new NewTopic(topic, this.partitions, (short) this.replication)
				.configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(this.minInSync)));
			admin.createTopics(List.of(scratch)).all().get(30, TimeUnit.SECONDS);
			try {
				double produced = produce(topic, records, payload);
				double consumed = consume(topic, records);
				return new Result(records, payload.length, produced, consumed, this.partitions, this.replication,
						this.minInSync);
			}
			finally {
				admin.deleteTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
			}
		}
	}

	private double produce(String topic, int records, byte[] payload) throws InterruptedException {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		AtomicLong failed = new AtomicLong();
		long start = System.nanoTime();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			for (int i = 0; i < records; i++) {
				String key = UUID.randomUUID().toString();
				producer.send(new ProducerRecord<>(topic, null, key, payload, headers(key)), (metadata, error) -> {
					if (error != null) {
						failed.incrementAndGet();
					}
				});
			}
			producer.flush();
		}
		if (failed.get() > 0) {
			throw new IllegalStateException(failed.get() + " baseline records failed");
		}
		return records / ((System.nanoTime() - start) / 1e9);
	}

	/** The headers the relay sends with every record, with values of the same length. */
	private static RecordHeaders headers(String orderId) {
		RecordHeaders headers = new RecordHeaders();
		add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
		add(headers, CloudEventHeaders.ID, UUID.randomUUID().toString());
		add(headers, CloudEventHeaders.SOURCE, "/order-service");
		add(headers, CloudEventHeaders.TYPE, EventTypes.ORDER_PLACED_V1.name());
		add(headers, CloudEventHeaders.TIME, "2026-01-01T00:00:00.123456Z");
		add(headers, CloudEventHeaders.SUBJECT, orderId);
		add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
		add(headers, CloudEventHeaders.CORRELATION_ID, orderId);
		add(headers, CloudEventHeaders.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		return headers;
	}

	private static void add(RecordHeaders headers, String name, String value) {
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private double consume(String topic, int records) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long seen = 0;
			long start = 0;
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (seen < records && System.nanoTime() < deadline) {
				ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
				if (!batch.isEmpty() && start == 0) {
					// from the first record: joining the group is not reading
					start = System.nanoTime();
				}
				seen += batch.count();
				if (!batch.isEmpty()) {
					consumer.commitSync();
				}
			}
			return (start == 0) ? 0 : seen / ((System.nanoTime() - start) / 1e9);
		}
	}

	/**
	 * Bare Kafka on this machine.
	 *
	 * @param records records produced, then consumed
	 * @param payloadBytes value size of each
	 * @param producedPerSecond records acknowledged per second
	 * @param consumedPerSecond records consumed (and committed) per second
	 * @param partitions partitions of the scratch topic
	 * @param replication copies of each partition
	 * @param minInSync the topic's {@code min.insync.replicas}
	 */
	public record Result(int records, int payloadBytes, double producedPerSecond, double consumedPerSecond,
			int partitions, int replication, int minInSync) {

		/** The scratch topic's settings, for the report. */
		public String topicSettings() {
			return "%d partitions, replication %d, min.insync.replicas %d".formatted(this.partitions, this.replication,
					this.minInSync);
		}

	}

}
