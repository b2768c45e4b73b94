package com.eventshop.messaging.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.eventshop.messaging.consumer.EventConsumer;
import com.eventshop.messaging.support.BackgroundWorker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges {@code eventshop.consumer.dead.letters} per group (records in its dead-letter
 * topics) and {@code eventshop.consumer.dead.letters.age} (seconds since that count was
 * last read from Kafka), and {@code eventshop.consumer.held.waiting} per group (events
 * waiting behind a dead-lettered event of their order, read from the database).
 * <p>
 * Reading offsets is a broker round trip that blocks for as long as Kafka does not
 * answer, so it never happens on a scrape: a background thread reads the depth every
 * refresh interval and the gauges return the last reading. While Kafka is down, the depth
 * keeps its last value and the age grows, which is what an alert should look at.
 */
public final class DeadLetterDepth extends BackgroundWorker {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterDepth.class);

	private final DeadLetters deadLetters;

	private final Duration refreshInterval;

	private final Clock clock;

	private final Instant createdAt;

	private volatile @Nullable Reading reading;

	private volatile @Nullable Map<String, Long> waiting;

	DeadLetterDepth(DeadLetters deadLetters, Duration refreshInterval, Clock clock) {
		super("dead-letter-depth", refreshInterval, Stopping.byInterrupt(Duration.ofSeconds(5)));
		this.deadLetters = deadLetters;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
		this.createdAt = clock.instant();
	}

	/**
	 * Registers the gauges of the given consumer groups and returns the worker that keeps
	 * them fresh once started.
	 * @param registry where the gauges go
	 * @param deadLetters the dead-letter topics to count
	 * @param consumers the groups, one depth gauge each
	 * @param refreshInterval how often the depth is read from Kafka
	 * @param clock the clock the age is measured with
	 * @return the refreshing worker, a lifecycle bean
	 */
	public static DeadLetterDepth register(MeterRegistry registry, DeadLetters deadLetters,
			List<EventConsumer> consumers, Duration refreshInterval, Clock clock) {
		DeadLetterDepth depth = new DeadLetterDepth(deadLetters, refreshInterval, clock);
		for (EventConsumer consumer : consumers) {
			// Strong: Micrometer holds a gauge's object weakly, and the registry may be
			// the only holder of this one.
			Gauge.builder("eventshop.consumer.dead.letters", depth, (d) -> d.of(consumer.group()))
				.strongReference(true)
				.description("Records in this group's dead-letter topics, as last read (see the .age gauge)")
				.tag("group", consumer.group())
				.register(registry);
			Gauge.builder("eventshop.consumer.held.waiting", depth, (d) -> d.waitingOf(consumer.group()))
				.strongReference(true)
				.description("Events of this group waiting behind a dead-lettered event of their order, as last read")
				.tag("group", consumer.group())
				.register(registry);
		}
		Gauge.builder("eventshop.consumer.dead.letters.age", depth, DeadLetterDepth::ageSeconds)
			.strongReference(true)
			.description("Seconds since the dead-letter depth was last read from Kafka")
			.baseUnit("seconds")
			.register(registry);
		return depth;
	}

	/** The depth of a group as last read; NaN until the first reading. */
	double of(String group) {
		Reading last = this.reading;
		return (last != null) ? last.depth().getOrDefault(group, 0L) : Double.NaN;
	}

	/** Events waiting behind dead letters in a group, as last read; NaN until read. */
	double waitingOf(String group) {
		Map<String, Long> last = this.waiting;
		return (last != null) ? last.getOrDefault(group, 0L) : Double.NaN;
	}

	/** Seconds since the last reading, or since this gauge was created if none yet. */
	double ageSeconds() {
		Reading last = this.reading;
		Instant since = (last != null) ? last.at() : this.createdAt;
		return Duration.between(since, this.clock.instant()).toMillis() / 1000.0;
	}

	@Override
	protected boolean runRound() {
		try {
			this.waiting = Map.copyOf(this.deadLetters.waitingByGroup());
		}
		catch (RuntimeException ex) {
			// The database's outage has its own signals; the depth below is Kafka's.
			logger.debug("Could not read the held events", ex);
		}
		Map<String, Long> depth = this.deadLetters.depthByGroup();
		this.reading = new Reading(Map.copyOf(depth), this.clock.instant());
		return false;
	}

	@Override
	protected Pause roundFailed(RuntimeException failure, int failures) {
		if (failures == 1) {
			logger.warn("Could not read the dead-letter depth; the gauge keeps its last value until Kafka answers",
					failure);
		}
		else {
			logger.debug("Could not read the dead-letter depth ({} failures in a row)", failures, failure);
		}
		return Pause.full(this.refreshInterval);
	}

	private record Reading(Map<String, Long> depth, Instant at) {
	}

}
