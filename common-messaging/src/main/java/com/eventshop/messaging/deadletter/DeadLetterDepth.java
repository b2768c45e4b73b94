package com.eventshop.messaging.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.eventshop.messaging.consumer.EventConsumer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauge {@code eventshop.consumer.dead.letters} per group: records in its dead-letter
 * topics. Reading offsets is a broker round trip, so the value is refreshed at most every
 * 15 seconds.
 */
public final class DeadLetterDepth {

	private static final Duration MAX_AGE = Duration.ofSeconds(15);

	private final DeadLetters deadLetters;

	private Map<String, Long> depth = Map.of();

	private Instant readAt = Instant.EPOCH;

	private DeadLetterDepth(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	public static void register(MeterRegistry registry, DeadLetters deadLetters, List<EventConsumer> consumers) {
		DeadLetterDepth depth = new DeadLetterDepth(deadLetters);
		for (EventConsumer consumer : consumers) {
			// Strong: Micrometer holds a gauge's object weakly, and nothing else holds
			// this
			// one, so it would be collected and the gauge would read NaN ever after.
			Gauge.builder("eventshop.consumer.dead.letters", depth, (d) -> d.of(consumer.group()))
				.strongReference(true)
				.description("Records in this group's dead-letter topics")
				.tag("group", consumer.group())
				.register(registry);
		}
	}

	private synchronized double of(String group) {
		if (Instant.now().isAfter(this.readAt.plus(MAX_AGE))) {
			try {
				this.depth = this.deadLetters.depthByGroup();
			}
			catch (RuntimeException ex) {
				return Double.NaN;
			}
			this.readAt = Instant.now();
		}
		return this.depth.getOrDefault(group, 0L);
	}

}
