package com.eventshop.messaging.health;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Up while the oldest unpublished outbox row is younger than the bound: the relay (this
 * instance's or another's) keeps up. A row that is older means Kafka is not taking the
 * service's events, or the relay is stuck.
 */
final class RelayHealth implements HealthIndicator {

	/** A probe answers quickly or counts the database as unavailable. */
	private static final int QUERY_TIMEOUT_SECONDS = 2;

	private final JdbcTemplate jdbc;

	private final Duration bound;

	RelayHealth(JdbcTemplate jdbc, Duration bound) {
		this.jdbc = jdbc;
		this.jdbc.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
		this.bound = bound;
	}

	@Override
	public Health health() {
		Double seconds = this.jdbc.queryForObject("""
				select coalesce((select extract(epoch from clock_timestamp() - created_at)::float8
				                 from messaging.outbox where published_at is null order by id limit 1), 0)""",
				Double.class);
		double age = (seconds != null) ? seconds : 0;
		Health.Builder health = (age <= this.bound.toSeconds()) ? Health.up() : Health.down();
		return health.withDetail("oldestUnpublishedSeconds", Math.round(age))
			.withDetail("boundSeconds", this.bound.toSeconds())
			.build();
	}

}
