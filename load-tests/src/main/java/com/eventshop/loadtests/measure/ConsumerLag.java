package com.eventshop.loadtests.measure;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Lag of every consumer group on the event topics: the records written to a partition
 * that the group has not committed yet, summed over the partitions. Read with Kafka's
 * admin client, as an operator would.
 */
public final class ConsumerLag implements AutoCloseable {

	private final Admin admin;

	private final Set<String> topics;

	public ConsumerLag(String bootstrapServers, Set<String> topics) {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "benchmark-lag");
		this.admin = Admin.create(config);
		this.topics = topics;
	}

	/** Lag per group, by group name; groups that read none of the topics are left out. */
	public Map<String, Long> read() throws InterruptedException, ExecutionException, TimeoutException {
		Map<String, Map<TopicPartition, Long>> committedByGroup = new TreeMap<>();
		for (GroupListing group : this.admin.listGroups(ListGroupsOptions.forConsumerGroups())
			.all()
			.get(5, TimeUnit.SECONDS)) {
			Map<TopicPartition, OffsetAndMetadata> offsets = this.admin.listConsumerGroupOffsets(group.groupId())
				.partitionsToOffsetAndMetadata()
				.get(5, TimeUnit.SECONDS);
			Map<TopicPartition, Long> committed = new HashMap<>();
			offsets.forEach((partition, offset) -> {
				if (offset != null && this.topics.contains(partition.topic())) {
					committed.put(partition, offset.offset());
				}
			});
			if (!committed.isEmpty()) {
				committedByGroup.put(group.groupId(), committed);
			}
		}
		Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
		committedByGroup.values()
			.forEach((committed) -> committed.keySet().forEach((p) -> wanted.put(p, OffsetSpec.latest())));
		if (wanted.isEmpty()) {
			return Map.of();
		}
		Map<TopicPartition, ListOffsetsResultInfo> ends = this.admin.listOffsets(wanted).all().get(5, TimeUnit.SECONDS);
		Map<TopicPartition, Long> endOffsets = new HashMap<>();
		ends.forEach((partition, info) -> endOffsets.put(partition, info.offset()));
		Map<String, Long> lag = new TreeMap<>();
		committedByGroup.forEach((group, committed) -> lag.put(group, lag(committed, endOffsets)));
		return lag;
	}

	/**
	 * The records past the committed offsets, summed over the committed partitions. A
	 * partition whose end is not known counts nothing rather than a guess.
	 */
	static long lag(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
		long total = 0;
		for (Map.Entry<TopicPartition, Long> entry : committed.entrySet()) {
			Long end = ends.get(entry.getKey());
			if (end != null) {
				total += Math.max(0, end - entry.getValue());
			}
		}
		return total;
	}

	/**
	 * Whether lag grows over a run: the slope of a least-squares line through the
	 * samples, in records per second.
	 * @param seconds sample times
	 * @param lags lag at those times
	 */
	public static double slope(List<Double> seconds, List<Long> lags) {
		int n = Math.min(seconds.size(), lags.size());
		if (n < 2) {
			return 0;
		}
		double meanX = 0;
		double meanY = 0;
		for (int i = 0; i < n; i++) {
			meanX += seconds.get(i);
			meanY += lags.get(i);
		}
		meanX /= n;
		meanY /= n;
		double covariance = 0;
		double variance = 0;
		for (int i = 0; i < n; i++) {
			double dx = seconds.get(i) - meanX;
			covariance += dx * (lags.get(i) - meanY);
			variance += dx * dx;
		}
		return (variance == 0) ? 0 : covariance / variance;
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
	}

}
