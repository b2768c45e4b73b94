package com.eventshop.loadtests.report;

import java.util.Locale;
import java.util.Map;

/**
 * The shape of the stack a run measured: how many brokers, how many copies of each event
 * topic's partitions and how many of them must be in sync for a write, and how many
 * instances of each service.
 *
 * @param brokers Kafka brokers in the cluster
 * @param replication copies of each partition of the event topics
 * @param minInSync copies that must have a record before it is acknowledged
 * ({@code min.insync.replicas})
 * @param instances running processes per service (the supervisor's names without the
 * instance number)
 */
public record Topology(int brokers, int replication, int minInSync, Map<String, Integer> instances) {

	/** Whether the stack runs scaled out: more than one broker or service instance. */
	public boolean isScaled() {
		return this.brokers > 1 || this.instances.values().stream().anyMatch((n) -> n > 1);
	}

	/** One sentence for the top of the report. */
	public String describe() {
		int most = this.instances.values().stream().mapToInt(Integer::intValue).max().orElse(1);
		if (!isScaled()) {
			return format("the **single** stack: one Kafka broker (replication %d, min.insync.replicas %d), one "
					+ "instance of each service", this.replication, this.minInSync);
		}
		return format("the **scaled** stack: %d Kafka brokers (event topics with replication %d, "
				+ "min.insync.replicas %d), %d instances of each service (%s), the gateway balancing the orders over "
				+ "the order service's instances", this.brokers, this.replication, this.minInSync, most,
				this.instances);
	}

	private static String format(String pattern, Object... args) {
		return String.format(Locale.ROOT, pattern, args);
	}

}
