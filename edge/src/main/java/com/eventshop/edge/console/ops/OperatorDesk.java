package com.eventshop.edge.console.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.eventshop.edge.console.ops.PrometheusText.Sample;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * What the operator desk shows, gathered from every service at once: its consumer groups
 * (events handled, their rate since the last look, failures, dead letters, lag), its
 * outbox (backlog, oldest age, parked rows), its dead letters, the audit trail of replays
 * and parks, and the events it found unexpected.
 */
@Component
class OperatorDesk {

	private final ServiceCalls calls;

	/** The last count of handled events per service and group, to tell a rate. */
	private final Map<String, Count> lastCounts = new ConcurrentHashMap<>();

	OperatorDesk(ServiceCalls calls) {
		this.calls = calls;
	}

	Desk look(String token) {
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<ServiceView>> views = this.calls.services()
				.stream()
				.map((service) -> executor.submit(() -> view(service, token)))
				.toList();
			List<ServiceView> services = new ArrayList<>();
			for (Future<ServiceView> view : views) {
				services.add(view.get());
			}
			return new Desk(Instant.now(), services);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while asking the services", ex);
		}
	}

	private ServiceView view(String service, String token) {
		try {
			List<Sample> metrics = PrometheusText.parse(this.calls.text(service, "/actuator/prometheus", token));
			return new ServiceView(service, null, consumers(service, metrics), outbox(metrics), stuck(metrics),
					this.calls.json(service, "/api/admin/dead-letters?size=200", token).path("content"),
					this.calls.json(service, "/api/admin/dead-letters/actions?limit=50", token),
					this.calls.json(service, "/api/admin/dead-letters/unexpected?limit=50", token),
					this.calls.json(service, "/api/admin/outbox/parked?size=50", token).path("rows"));
		}
		catch (ServiceCalls.Unanswered ex) {
			return new ServiceView(service, ex.getMessage(), List.of(), null, List.of(), null, null, null, null);
		}
	}

	private List<ConsumerView> consumers(String service, List<Sample> metrics) {
		Map<String, double[]> byGroup = new TreeMap<>();
		for (Sample sample : metrics) {
			int slot = switch (sample.name()) {
				case "eventshop_consumer_handled_seconds_count" -> 0;
				case "eventshop_consumer_failures_total" -> 1;
				case "eventshop_consumer_dead_letters" -> 2;
				default -> -1;
			};
			if (slot >= 0 && !sample.label("group").isEmpty() && !Double.isNaN(sample.value())) {
				byGroup.computeIfAbsent(sample.label("group"), (group) -> new double[3])[slot] += sample.value();
			}
		}
		List<ConsumerView> consumers = new ArrayList<>();
		long now = System.nanoTime();
		byGroup.forEach((group, figures) -> {
			long handled = (long) figures[0];
			Count last = this.lastCounts.put(service + "/" + group, new Count(handled, now));
			Double rate = null;
			if (last != null && now - last.at() > 500_000_000L && handled >= last.value()) {
				rate = (handled - last.value()) / ((now - last.at()) / 1e9);
			}
			consumers.add(new ConsumerView(group, handled, rate, (long) figures[1], (long) figures[2],
					lag(group, byGroup.size() == 1, metrics)));
		});
		return consumers;
	}

	/**
	 * The records a group still has to read, summed over its partitions, from the Kafka
	 * client's own metric when the service exports it: the client id names the group
	 * ({@code consumer-<group>-<n>}), and a service with one group owns all its lag.
	 */
	private static @Nullable Long lag(String group, boolean onlyGroup, List<Sample> metrics) {
		Long lag = null;
		for (Sample sample : metrics) {
			if (sample.name().equals("kafka_consumer_fetch_manager_records_lag")
					&& (onlyGroup || sample.label("client_id").contains("consumer-" + group + "-"))
					&& !Double.isNaN(sample.value())) {
				lag = ((lag != null) ? lag : 0L) + (long) sample.value();
			}
		}
		return lag;
	}

	/**
	 * Orders in a status the saga has not finished for longer than the service's bound
	 * ({@code eventshop.observability.stuck-after}), per status, from the order service's
	 * own gauges.
	 */
	private static List<StuckView> stuck(List<Sample> metrics) {
		Map<String, StuckView> byStatus = new TreeMap<>();
		for (Sample sample : metrics) {
			if (sample.name().equals("eventshop_saga_stuck") && !Double.isNaN(sample.value())) {
				byStatus.put(sample.label("status"), new StuckView(sample.label("status"), (long) sample.value(),
						oldest(metrics, sample.label("status"))));
			}
		}
		return List.copyOf(byStatus.values());
	}

	private static @Nullable Double oldest(List<Sample> metrics, String status) {
		return metrics.stream()
			.filter((sample) -> sample.name().equals("eventshop_saga_oldest_age")
					&& sample.label("status").equals(status) && !Double.isNaN(sample.value()))
			.map(Sample::value)
			.findFirst()
			.orElse(null);
	}

	private static @Nullable OutboxView outbox(List<Sample> metrics) {
		Double backlog = first(metrics, "eventshop_outbox_backlog");
		if (backlog == null) {
			return null;
		}
		Double parked = first(metrics, "eventshop_outbox_parked");
		return new OutboxView(backlog.longValue(), first(metrics, "eventshop_outbox_oldest_age"),
				(parked != null) ? parked.longValue() : 0);
	}

	private static @Nullable Double first(List<Sample> metrics, String name) {
		return metrics.stream()
			.filter((sample) -> sample.name().equals(name) && !Double.isNaN(sample.value()))
			.map(Sample::value)
			.findFirst()
			.orElse(null);
	}

	/**
	 * @param status a status the saga has not finished
	 * @param stuck orders in it placed longer ago than the service's bound
	 * @param oldestAgeSeconds since the oldest order in it was placed
	 */
	record StuckView(String status, long stuck, @Nullable Double oldestAgeSeconds) {
	}

	private record Count(long value, long at) {
	}

	record Desk(Instant at, List<ServiceView> services) {
	}

	/**
	 * One service as the desk shows it; {@code problem} says why the rest is missing when
	 * it could not be asked.
	 */
	record ServiceView(String service, @Nullable String problem, List<ConsumerView> consumers,
			@Nullable OutboxView outbox, List<StuckView> stuckOrders, @Nullable JsonNode deadLetters,
			@Nullable JsonNode actions, @Nullable JsonNode unexpected, @Nullable JsonNode parkedOutbox) {
	}

	/**
	 * @param handledPerSecond since the desk last looked; unknown on the first look
	 * @param lag unknown when the service does not export the Kafka client's metric
	 */
	record ConsumerView(String group, long handled, @Nullable Double handledPerSecond, long failures, long deadLetters,
			@Nullable Long lag) {
	}

	/**
	 * @param oldestAgeSeconds how long the oldest unpublished row has waited
	 */
	record OutboxView(long backlog, @Nullable Double oldestAgeSeconds, long parked) {
	}

}
