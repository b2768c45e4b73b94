package com.eventshop.messaging.consumer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.eventshop.messaging.MessagingProperties.RetrySettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * What one consumer group knows about an infrastructure outage: since when its listener
 * has been stuck on one (for readiness), how many attempts failed for it (a metric), and
 * the error handler's back-off, which retries such a failure without limit and any other
 * failure a bounded number of times.
 * <p>
 * The back-off asks, at each step, how the record's last attempt failed, so one record
 * that fails first on an outage and then on a bug (or the other way round) is treated by
 * what is wrong now. The listener and the error handler run on the same consumer thread,
 * so the last failure is kept per thread.
 */
final class InfrastructureOutage {

	private static final Logger logger = LoggerFactory.getLogger(InfrastructureOutage.class);

	private final String group;

	private final Clock clock;

	private final Counter failures;

	private final ThreadLocal<Boolean> lastFailureWasInfrastructure = ThreadLocal.withInitial(() -> false);

	private volatile @Nullable Instant since;

	private volatile String cause = "";

	InfrastructureOutage(String group, MeterRegistry meters, Clock clock) {
		this.group = group;
		this.clock = clock;
		this.failures = Counter.builder("eventshop.consumer.infrastructure.failures")
			.description("Attempts that failed on the database or broker; retried without limit, never dead-lettered")
			.tag("group", group)
			.register(meters);
		Gauge.builder("eventshop.consumer.stuck", this, (outage) -> outage.stuckFor().toMillis() / 1000.0)
			.description("Seconds this group has been stuck on an infrastructure failure (0 while it is not)")
			.tag("group", group)
			.baseUnit("seconds")
			.register(meters);
	}

	/**
	 * Records a failed attempt of the listener on this thread.
	 * @return whether it is an infrastructure failure
	 */
	boolean failed(Throwable failure) {
		boolean infrastructure = Failures.isInfrastructure(failure);
		this.lastFailureWasInfrastructure.set(infrastructure);
		if (infrastructure) {
			this.failures.increment();
			this.cause = rootMessage(failure);
			if (this.since == null) {
				this.since = this.clock.instant();
				logger.warn("{} is stuck on infrastructure: {}; retrying without limit", this.group, this.cause);
			}
		}
		return infrastructure;
	}

	/** Records a failure that no retry can fix (poison). */
	void poison() {
		this.lastFailureWasInfrastructure.set(false);
	}

	/** Records a committed transaction: whatever was down works again. */
	void handled() {
		this.lastFailureWasInfrastructure.set(false);
		if (this.since != null) {
			logger.info("{} handles events again after {} stuck on infrastructure", this.group, stuckFor());
			this.since = null;
		}
	}

	/** Since when the group has been stuck on an infrastructure failure, if it is. */
	Optional<Instant> since() {
		return Optional.ofNullable(this.since);
	}

	String cause() {
		return this.cause;
	}

	private Duration stuckFor() {
		Instant start = this.since;
		return (start != null) ? Duration.between(start, this.clock.instant()) : Duration.ZERO;
	}

	/**
	 * The error handler's back-off: exponential in both cases; bounded by
	 * {@code maxRetries} for failures of the record, unbounded (capped at
	 * {@code infrastructureMaxInterval}) for the infrastructure's.
	 */
	BackOff backOff(RetrySettings retry) {
		return () -> new BackOffExecution() {

			private int retries;

			private long interval = retry.initialInterval().toMillis();

			private long infrastructureInterval = retry.infrastructureInitialInterval().toMillis();

			@Override
			public long nextBackOff() {
				if (InfrastructureOutage.this.lastFailureWasInfrastructure.get()) {
					long next = this.infrastructureInterval;
					this.infrastructureInterval = Math.min(retry.infrastructureMaxInterval().toMillis(),
							(long) (next * retry.multiplier()));
					return next;
				}
				if (this.retries++ >= retry.maxRetries()) {
					return STOP;
				}
				long next = this.interval;
				this.interval = Math.min(retry.maxInterval().toMillis(), (long) (next * retry.multiplier()));
				return next;
			}

		};
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.toString();
	}

}
