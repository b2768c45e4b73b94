package com.eventshop.messaging.observability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Gauges whose values come from a query, computed on one background thread every
 * {@code interval} rather than on each scrape: a scrape reads the last value and never
 * waits for the database (nor lets a scraper load it). A reading that fails leaves the
 * gauge at {@code NaN}, which an alert on "absent or NaN" can catch, until one succeeds.
 */
public final class PeriodicGauges implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicGauges.class);

	private final MeterRegistry registry;

	private final Duration interval;

	private final List<Runnable> readings = new CopyOnWriteArrayList<>();

	private volatile @Nullable ScheduledExecutorService executor;

	PeriodicGauges(MeterRegistry registry, Duration interval) {
		this.registry = registry;
		this.interval = interval;
	}

	/** One gauge, read by {@code reading} in the background. */
	public void gauge(String name, String description, Supplier<? extends Number> reading) {
		AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
		Gauge.builder(name, value, (current) -> current.get()).description(description).register(this.registry);
		this.readings.add(() -> {
			try {
				value.set(reading.get().doubleValue());
			}
			catch (RuntimeException ex) {
				value.set(Double.NaN);
				logger.debug("Gauge {} could not be read: {}", name, ex.toString());
			}
		});
	}

	/**
	 * A family of gauges of one name, one per set of tags that {@code reading} returns
	 * (e.g. one per order status); a set of tags that is no longer returned disappears.
	 */
	public void gauges(String name, String description, Supplier<Map<Tags, ? extends Number>> reading) {
		MultiGauge gauges = MultiGauge.builder(name).description(description).register(this.registry);
		this.readings.add(() -> {
			try {
				gauges.register(reading.get()
					.entrySet()
					.stream()
					.map((entry) -> MultiGauge.Row.of(entry.getKey(), entry.getValue()))
					.toList(), true);
			}
			catch (RuntimeException ex) {
				logger.debug("Gauges {} could not be read: {}", name, ex.toString());
			}
		});
	}

	private void readAll() {
		this.readings.forEach(Runnable::run);
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("eventshop-gauges").daemon(true).factory());
		started.scheduleWithFixedDelay(this::readAll, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.executor = started;
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService running = this.executor;
		if (running != null) {
			running.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
