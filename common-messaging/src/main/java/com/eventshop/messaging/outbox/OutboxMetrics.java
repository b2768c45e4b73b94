package com.eventshop.messaging.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Outbox meters: records published, relay failures, the delay from a row's insert to its
 * acknowledgement by Kafka, and the backlog of unpublished rows.
 */
class OutboxMetrics {

	private final Counter published;

	private final Counter failures;

	private final Timer delay;

	OutboxMetrics(MeterRegistry registry, JdbcClient jdbc) {
		this.published = Counter.builder("eventshop.outbox.published")
			.description("Outbox records acknowledged by Kafka")
			.register(registry);
		this.failures = Counter.builder("eventshop.outbox.relay.failures")
			.description("Relay attempts that Kafka did not fully acknowledge")
			.register(registry);
		this.delay = Timer.builder("eventshop.outbox.delay")
			.description("From the outbox insert to Kafka's acknowledgement")
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(registry);
		Gauge
			.builder("eventshop.outbox.backlog",
					() -> jdbc.sql("select count(*) from messaging.outbox where published_at is null")
						.query(Long.class)
						.single())
			.description("Outbox records not yet published")
			.register(registry);
	}

	void published(List<OutboxRow> rows) {
		OffsetDateTime now = OffsetDateTime.now();
		this.published.increment(rows.size());
		for (OutboxRow row : rows) {
			this.delay.record(Duration.between(row.createdAt(), now));
		}
	}

	void failed() {
		this.failures.increment();
	}

}
