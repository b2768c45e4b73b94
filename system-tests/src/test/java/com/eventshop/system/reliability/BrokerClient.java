package com.eventshop.system.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.eventshop.events.EventTypes;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.awaitility.Awaitility.await;

/**
 * What the failure tests do to and read from the stack's broker directly: poison records,
 * records published a second time, and the consumer groups' lag.
 */
final class BrokerClient {

	private final String bootstrapServers;

	BrokerClient(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Publishes one poison record on the orders topic, keyed by {@code key}: one of four
	 * kinds by {@code number} (not JSON, failing its schema, an unknown version of a
	 * handled type, no event id), each a record no consumer can ever handle.
	 */
	void publishPoison(EventPublisher publisher, int number, UUID key) {
		String topic = EventTypes.ORDER_PLACED_V1.topic();
		String type = EventTypes.ORDER_PLACED_V1.name();
		byte[] valid = EventPublisher.bytes(EventPublisher.golden(EventTypes.ORDER_PLACED_V1, key));
		switch (number % 4) {
			case 0 -> publisher.publish(topic, key.toString(), type, UUID.randomUUID(),
					"{\"orderId\": \"%s\", \"lines\": [".formatted(key).getBytes(StandardCharsets.UTF_8));
			case 1 -> publisher.publish(topic, key.toString(), type, UUID.randomUUID(),
					"{\"orderId\": \"%s\", \"lines\": \"none\"}".formatted(key).getBytes(StandardCharsets.UTF_8));
			case 2 -> publisher.publish(topic, key.toString(), type.replace(".v1", ".v9"), UUID.randomUUID(), valid);
			default -> publisher.publish(topic, key.toString(), type, null, valid);
		}
	}

	/**
	 * Publishes again, unchanged (key, value, headers), every record of {@code topics}
	 * whose key is one of {@code keys}: what a producer retry or a replayed slice of a
	 * topic delivers. Returns how many.
	 */
	int republish(Collection<String> topics, Set<String> keys) throws Exception {
		int count = 0;
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map
			.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer())) {
			for (String topic : topics) {
				for (ConsumerRecord<String, byte[]> record : all(topic, (r) -> keys.contains(r.key()))) {
					producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()));
					count++;
				}
			}
			producer.flush();
		}
		return count;
	}

	/** Every record of a topic so far that matches. */
	List<ConsumerRecord<String, byte[]>> all(String topic, Predicate<ConsumerRecord<String, byte[]>> filter) {
		try (TopicReader reader = new TopicReader(this.bootstrapServers, topic)) {
			long end = reader.endOffsetSum();
			return reader.awaitRecords(Duration.ofMinutes(2), (records) -> records.size() >= end)
				.stream()
				.filter(filter)
				.toList();
		}
	}

	/**
	 * Waits until every group has committed every record of every partition it reads:
	 * nothing left to handle anywhere.
	 */
	void awaitNoLag(Collection<String> groups, Duration timeout) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			await("every consumer group caught up").atMost(timeout)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> lag(admin, groups) == 0);
		}
	}

	private static long lag(Admin admin, Collection<String> groups) throws Exception {
		long lag = 0;
		for (String group : groups) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			committed.keySet().forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest)
				.all()
				.get(30, TimeUnit.SECONDS);
			for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
				long end = ends.get(entry.getKey()).offset();
				lag += Math.max(0, end - ((entry.getValue() != null) ? entry.getValue().offset() : 0));
			}
		}
		return lag;
	}

}
