package com.eventshop.messaging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the shared messaging plumbing, under {@code eventshop.messaging}.
 *
 * @param source CloudEvents {@code source} of the events this service emits, e.g.
 * {@code /order-service}
 * @param publishes topics this service publishes to; declared (created if missing) at
 * start
 * @param topics partitions and replication of the topics this service declares
 * @param outbox the transactional outbox and its relay
 */
@ConfigurationProperties("eventshop.messaging")
public record MessagingProperties(String source, @DefaultValue List<String> publishes,
		@DefaultValue TopicSettings topics, @DefaultValue OutboxSettings outbox) {

	/**
	 * @param partitions partitions of each declared topic
	 * @param replicas replication factor of each declared topic
	 */
	public record TopicSettings(@DefaultValue("6") int partitions, @DefaultValue("1") short replicas) {
	}

	/**
	 * @param relayEnabled whether this instance runs a relay; any number may, one
	 * publishes at a time
	 * @param pollInterval how often the relay looks for rows when nothing woke it
	 * @param batchSize rows published per relay transaction
	 * @param maxBackoff longest pause between attempts while Kafka fails
	 * @param sendTimeout how long the relay waits for Kafka to acknowledge a batch
	 * @param retention how long published rows are kept for inspection before they are
	 * purged
	 * @param purgeInterval how often published rows past their retention are purged
	 */
	public record OutboxSettings(@DefaultValue("true") boolean relayEnabled,
			@DefaultValue("200ms") Duration pollInterval, @DefaultValue("500") int batchSize,
			@DefaultValue("5s") Duration maxBackoff, @DefaultValue("30s") Duration sendTimeout,
			@DefaultValue("7d") Duration retention, @DefaultValue("1h") Duration purgeInterval) {
	}

}
