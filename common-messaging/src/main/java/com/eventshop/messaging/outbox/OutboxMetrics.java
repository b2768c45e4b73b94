package com.eventshop.messaging.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Outbox meters: records published, relay failures, rows parked, the delay from a row's
 * insert to its acknowledgement by Kafka, and, from the background {@link OutboxReading}
 * (never a query per scrape), the backlog, the oldest unpublished row's age and the
 * parked rows (NaN while no recent reading exists).
 */
class OutboxMetrics {

	private final Counter published;

	private final Counter failures;

	private final Counter parked;

	private final Timer delay;

	OutboxMetrics(MeterRegistry registry, OutboxReading reading, Clock clock) {
		this.published = Counter.builder("eventshop.outbox.published")
			.description("Outbox records acknowledged by Kafka")
			.register(registry);
		this.failures = Counter.builder("eventshop.outbox.relay.failures")
			.description("Relay attempts that Kafka did not fully acknowledge")
			.register(registry);
		this.parked = Counter.builder("eventshop.outbox.parked.total")
			.description("Outbox records parked because Kafka can never take them, or behind such a record")
			.register(registry);
		this.delay = Timer.builder("eventshop.outbox.delay")
			.description("From the outbox insert to Kafka's acknowledgement")
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(registry);
		gauge(registry, reading, "eventshop.outbox.backlog", "Outbox records waiting to be published",
				OutboxReading.Snapshot::backlog);
		gauge(registry, reading, "eventshop.outbox.parked", "Outbox records parked and not published",
				OutboxReading.Snapshot::parked);
		Gauge
			.builder("eventshop.outbox.oldest.age", reading,
					(r) -> value(r, (s) -> s.oldestUnpublishedAgeNow(clock).toMillis() / 1000.0))
			.description("Seconds the oldest outbox record waiting to be published has waited")
			.register(registry);
	}

	private static void gauge(MeterRegistry registry, OutboxReading reading, String name, String description,
			ToDoubleFunction<OutboxReading.Snapshot> value) {
		Gauge.builder(name, reading, (r) -> value(r, value)).description(description).register(registry);
	}

	private static double value(OutboxReading reading, ToDoubleFunction<OutboxReading.Snapshot> value) {
		OutboxReading.Snapshot snapshot = reading.current();
		return (snapshot != null) ? value.applyAsDouble(snapshot) : Double.NaN;
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

	void parked(int rows) {
		this.parked.increment(rows);
	}

}
