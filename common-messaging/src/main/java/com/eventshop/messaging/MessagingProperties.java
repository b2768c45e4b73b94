package com.eventshop.messaging;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Settings of the shared messaging plumbing, under {@code eventshop.messaging}.
 *
 * @param source CloudEvents {@code source} of the events this service emits, e.g.
 * {@code /order-service}
 * @param publishes topics this service publishes to; declared (created if missing) at
 * start
 * @param topics partitions and replication of the topics this service declares
 * @param outbox the transactional outbox and its relay
 * @param consumer how events are consumed, retried and dead-lettered
 * @param housekeeping how rows past their retention are purged
 */
@ConfigurationProperties("eventshop.messaging")
public record MessagingProperties(String source, @DefaultValue List<String> publishes,
		@DefaultValue TopicSettings topics, @DefaultValue OutboxSettings outbox,
		@DefaultValue ConsumerSettings consumer, @DefaultValue HousekeepingSettings housekeeping) {

	/**
	 * @param concurrency listener threads per consumer group in this instance
	 * @param validateSchema whether incoming data is checked against its JSON Schema
	 * @param lockTimeout longest a handler waits for a database lock before the attempt
	 * fails (and is retried); zero waits forever
	 * @param batchSize most events handled in one database transaction: a listener
	 * handles the records of a poll in batches of this size, each with one commit; 1
	 * gives every event its own transaction
	 * @param retry backoff of transient failures before a record is dead-lettered
	 * @param inboxRetention how long handled event ids are remembered; longer than the
	 * topics' retention, so a redelivery can never outlive its inbox row
	 * @param sessionTimeout how long the broker waits for a silent consumer before its
	 * partitions go to the rest of the group: after a crash, a restarted instance waits
	 * this long for its partitions (Kafka's own default is 45 s); heartbeats are sent at
	 * a third of it
	 * @param deadLetterMaxBytes largest dead-letter copy (value, key and headers) sent as
	 * is; a larger one has its value cut to a preview, marked in headers. Below the
	 * producer's {@code max.request.size} and the dead-letter topics'
	 * {@code max.message.bytes} (both about 1 MiB by default)
	 */
	public record ConsumerSettings(@DefaultValue("2") int concurrency, @DefaultValue("true") boolean validateSchema,
			@DefaultValue("2s") Duration lockTimeout, @DefaultValue("100") int batchSize,
			@DefaultValue RetrySettings retry, @DefaultValue("21d") Duration inboxRetention,
			@DefaultValue("10s") Duration sessionTimeout, @DefaultValue("1000000") int deadLetterMaxBytes) {
	}

	/**
	 * Exponential backoff. A failure of the record (a handler's bug): from
	 * {@code initialInterval}, times {@code multiplier} per attempt, at most
	 * {@code maxInterval}, for at most {@code maxRetries} retries after the first
	 * attempt, then the dead-letter topic. A failure of the infrastructure (database or
	 * broker down, read-only, full, timing out): from
	 * {@code infrastructureInitialInterval}, times {@code multiplier}, at most
	 * {@code infrastructureMaxInterval}, without limit.
	 */
	public record RetrySettings(@DefaultValue("200ms") Duration initialInterval, @DefaultValue("2.0") double multiplier,
			@DefaultValue("5s") Duration maxInterval, @DefaultValue("6") int maxRetries,
			@DefaultValue("1s") Duration infrastructureInitialInterval,
			@DefaultValue("30s") Duration infrastructureMaxInterval) {
	}

	/**
	 * @param partitions partitions of each declared topic
	 * @param replicas replication factor of each declared topic
	 * @param retention how long event and replay topics keep records
	 * @param deadLetterRetention how long dead-letter topics keep records, giving
	 * operators time to replay them
	 */
	public record TopicSettings(@DefaultValue("6") int partitions, @DefaultValue("1") short replicas,
			@DefaultValue("7d") Duration retention, @DefaultValue("14d") Duration deadLetterRetention) {

		/** A declaration of one topic with these settings. */
		public NewTopic declare(String name, Duration retention) {
			return TopicBuilder.name(name)
				.partitions(this.partitions)
				.replicas(this.replicas)
				.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()))
				.build();
		}

	}

	/**
	 * @param relayEnabled whether this instance runs a relay; any number may, one
	 * publishes at a time
	 * @param pollInterval how often the relay looks for rows when nothing woke it
	 * @param batchSize rows published per relay transaction
	 * @param maxBackoff longest pause between attempts while Kafka fails
	 * @param sendTimeout how long the relay waits for Kafka to acknowledge a batch
	 * @param retention how long published rows are kept for inspection before
	 * housekeeping purges them
	 * @param keepPublished whether published rows are kept for ever (as the event
	 * history), so that housekeeping never purges them and {@code retention} is not
	 * applied
	 * @param maxUnpublishedAge the service reports itself not ready while its oldest
	 * unpublished row is older than this
	 * @param maxAttempts attempts after which a row that Kafka can never take (too large,
	 * invalid) is parked with its reason; an outage never counts as an attempt
	 * @param readingInterval how often the outbox's backlog, oldest unpublished row and
	 * parked rows are read in the background for metrics, health and admission
	 */
	public record OutboxSettings(@DefaultValue("true") boolean relayEnabled,
			@DefaultValue("200ms") Duration pollInterval, @DefaultValue("500") int batchSize,
			@DefaultValue("5s") Duration maxBackoff, @DefaultValue("30s") Duration sendTimeout,
			@DefaultValue("7d") Duration retention, @DefaultValue("false") boolean keepPublished,
			@DefaultValue("60s") Duration maxUnpublishedAge, @DefaultValue("3") int maxAttempts,
			@DefaultValue("500ms") Duration readingInterval) {
	}

	/**
	 * One purge mechanism for every table that keeps rows only for a while (see
	 * {@code com.eventshop.messaging.housekeeping}).
	 *
	 * @param enabled whether this instance runs housekeeping; any number may, one purges
	 * at a time
	 * @param interval how often the tables are purged (the first run comes at start)
	 * @param batchSize most rows deleted per statement (and transaction)
	 */
	public record HousekeepingSettings(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
			@DefaultValue("1000") int batchSize) {
	}

}
