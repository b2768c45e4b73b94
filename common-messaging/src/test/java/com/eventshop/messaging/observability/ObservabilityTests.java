package com.eventshop.messaging.observability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import com.eventshop.events.CloudEventHeaders;

import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ObservabilityTests {

	@Test
	void latencyTimersPublishBucketsAndNoClientSideQuantiles() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		registry.config().meterFilter(new LatencyHistograms());
		Timer handled = Timer.builder("eventshop.consumer.handled").publishPercentiles(0.5, 0.95).register(registry);
		Timer other = Timer.builder("eventshop.other").publishPercentiles(0.5).register(registry);
		handled.record(Duration.ofMillis(20));
		other.record(Duration.ofMillis(20));

		// Buckets are the registry's to publish (Prometheus's does; the simple one does
		// not).
		DistributionStatisticConfig handledConfig = new LatencyHistograms().configure(handled.getId(),
				DistributionStatisticConfig.builder().percentiles(0.5, 0.95).build());
		assertThat(handledConfig.isPercentileHistogram()).isTrue();
		assertThat(handledConfig.getPercentiles()).isEmpty();
		assertThat(handled.takeSnapshot().percentileValues()).isEmpty();
		assertThat(other.takeSnapshot().percentileValues()).hasSize(1);
	}

	@Test
	void aHandlersLogLinesNameItsEventAndOrderOnlyWhileItRuns() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new EventLogContext());
		ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("shop.orders.v1", 0, 7, null, new byte[0]);
		record.headers().add(CloudEventHeaders.ID, "e-1".getBytes(StandardCharsets.UTF_8));
		record.headers().add(CloudEventHeaders.SUBJECT, "o-1".getBytes(StandardCharsets.UTF_8));
		record.headers().add(CloudEventHeaders.TYPE, "shop.order.placed.v1".getBytes(StandardCharsets.UTF_8));
		Map<String, String> seen = new HashMap<>();

		Observation
			.createNotStarted("handle", () -> new KafkaRecordReceiverContext(record, "c", "g", "g", () -> "cluster"),
					observations)
			.observe(() -> seen.putAll(MDC.getCopyOfContextMap()));

		assertThat(seen).containsEntry("eventId", "e-1")
			.containsEntry("orderId", "o-1")
			.containsEntry("eventType", "shop.order.placed.v1");
		assertThat(MDC.get("orderId")).isNull();
		assertThat(MDC.get("eventId")).isNull();
	}

	@Test
	void gaugesAreReadInTheBackgroundNotByTheScrape() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		PeriodicGauges gauges = new PeriodicGauges(registry, Duration.ofMillis(50));
		AtomicInteger reads = new AtomicInteger();
		gauges.gauge("eventshop.test.backlog", "test", reads::incrementAndGet);
		gauges.gauges("eventshop.test.stuck", "test", () -> Map.of(Tags.of("status", "PENDING"), 3));
		assertThat(registry.get("eventshop.test.backlog").gauge().value()).isNaN();
		assertThat(reads).as("a scrape does not read").hasValue(0);

		gauges.start();
		try {
			await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
				assertThat(registry.get("eventshop.test.backlog").gauge().value()).isPositive();
				assertThat(registry.get("eventshop.test.stuck").tag("status", "PENDING").gauge().value()).isEqualTo(3);
			});
		}
		finally {
			gauges.stop();
		}
	}

}
