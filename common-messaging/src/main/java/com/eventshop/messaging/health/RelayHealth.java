package com.eventshop.messaging.health;

import java.time.Clock;
import java.time.Duration;

import com.eventshop.messaging.outbox.OutboxReading;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Up while the oldest unpublished outbox row is younger than the bound: the relay (this
 * instance's or another's) keeps up. A row that is older means Kafka is not taking the
 * service's events, or the relay is stuck. It reads the outbox's background reading and
 * never queries: no recent reading (the database does not answer) is down too. Parked
 * rows do not count against it (they are an operator's matter, shown as a detail).
 */
final class RelayHealth implements HealthIndicator {

	private final OutboxReading reading;

	private final Duration bound;

	private final Clock clock;

	RelayHealth(OutboxReading reading, Duration bound, Clock clock) {
		this.reading = reading;
		this.bound = bound;
		this.clock = clock;
	}

	@Override
	public Health health() {
		OutboxReading.Snapshot snapshot = this.reading.current();
		if (snapshot == null) {
			return Health.down()
				.withDetail("error",
						"no reading of the outbox in the last " + this.reading.staleAfter().toSeconds() + " s")
				.build();
		}
		Duration age = snapshot.oldestUnpublishedAgeNow(this.clock);
		Health.Builder health = (age.compareTo(this.bound) <= 0) ? Health.up() : Health.down();
		return health.withDetail("oldestUnpublishedSeconds", age.toSeconds())
			.withDetail("boundSeconds", this.bound.toSeconds())
			.withDetail("backlog", snapshot.backlog())
			.withDetail("parked", snapshot.parked())
			.withDetail("readAt", snapshot.readAt().toString())
			.build();
	}

}
