package com.eventshop.messaging.consumer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of one consumer group: events handled, duplicates skipped, records skipped as
 * types the group ignores, failed attempts (each one retried or dead-lettered), records
 * dead-lettered, events held behind a dead letter and released after it, and handler
 * latency.
 */
final class ConsumerMetrics {

	private final MeterRegistry registry;

	private final String group;

	private final Counter duplicates;

	private final Counter ignored;

	private final Map<String, Timer> handled = new ConcurrentHashMap<>();

	private final Counter failures;

	private final Counter held;

	private final Counter released;

	ConsumerMetrics(MeterRegistry registry, String group) {
		this.registry = registry;
		this.group = group;
		this.duplicates = Counter.builder("eventshop.consumer.duplicates")
			.description("Redelivered events skipped by the inbox")
			.tag("group", group)
			.register(registry);
		this.ignored = Counter.builder("eventshop.consumer.ignored")
			.description("Records of types this group does not handle")
			.tag("group", group)
			.register(registry);
		this.failures = Counter.builder("eventshop.consumer.failures")
			.description("Failed handling attempts (retried or dead-lettered)")
			.tag("group", group)
			.register(registry);
		this.held = Counter.builder("eventshop.consumer.held")
			.description("Events held behind a dead-lettered event of the same key")
			.tag("group", group)
			.register(registry);
		this.released = Counter.builder("eventshop.consumer.released")
			.description("Held events handled after the event they waited behind")
			.tag("group", group)
			.register(registry);
		// Registered at zero: Prometheus's increase() cannot see a series' first
		// increment,
		// and the alert on a good event in the dead-letter topic reads this one.
		deadLetteredCounter("RETRIES_EXHAUSTED");
	}

	Timer.Sample start() {
		return Timer.start(this.registry);
	}

	void handled(Timer.Sample sample, String type) {
		sample.stop(this.handled.computeIfAbsent(type, (name) -> Timer.builder("eventshop.consumer.handled")
			.description("Events handled, and how long their transaction took (the events of a batch share one)")
			.tag("group", this.group)
			.tag("type", name)
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(this.registry)));
	}

	void duplicate() {
		this.duplicates.increment();
	}

	void ignored() {
		this.ignored.increment();
	}

	void failed() {
		this.failures.increment();
	}

	void held() {
		this.held.increment();
	}

	void released() {
		this.released.increment();
	}

	void deadLettered(String reason) {
		deadLetteredCounter(reason).increment();
	}

	private Counter deadLetteredCounter(String reason) {
		return Counter.builder("eventshop.consumer.dead.lettered")
			.description("Records sent to the dead-letter topic")
			.tag("group", this.group)
			.tag("reason", reason)
			.register(this.registry);
	}

}
