package com.eventshop.loadtests.outboxtrial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic back, partition by partition in offset order.
 */
final class TopicReadBack {

	private TopicReadBack() {
	}

	static List<Delivery.Read> read(String bootstrap, String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ConsumerConfig.GROUP_ID_CONFIG, "outbox-trial-" + UUID.randomUUID(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		List<Delivery.Read> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = partitions(consumer, topic);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofMinutes(1));
			for (TopicPartition partition : partitions) {
				consumer.assign(List.of(partition));
				consumer.seekToBeginning(List.of(partition));
				while (consumer.position(partition) < ends.get(partition)) {
					for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
						records.add(new Delivery.Read(record.key(), TrialEvents.sequence(record.value())));
					}
				}
			}
		}
		return records;
	}

	private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
		return consumer.partitionsFor(topic, Duration.ofMinutes(1))
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
	}

	/** Records acknowledged on a topic: the sum of its partitions' end offsets. */
	static long count(String bootstrap, String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = partitions(consumer, topic);
			return consumer.endOffsets(partitions, Duration.ofMinutes(1))
				.values()
				.stream()
				.mapToLong(Long::longValue)
				.sum();
		}
	}

}
