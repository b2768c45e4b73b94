package com.eventshop.messaging.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.eventshop.messaging.support.BackgroundWorker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's state, read by one background thread every interval and kept: how many
 * rows wait, how old the oldest of them is, how many are parked. The backlog gauge, the
 * relay's health and order admission all read the kept {@link Snapshot}, so a scrape, a
 * probe or a request never queries the outbox, and never waits for a slow database.
 */
public final class OutboxReading extends BackgroundWorker {

	private static final Logger logger = LoggerFactory.getLogger(OutboxReading.class);

	/**
	 * Rows are counted up to this many only: beyond it the exact figure changes nothing,
	 * and counting a huge backlog would cost the database most when it is busiest.
	 */
	static final long COUNT_LIMIT = 100_000;

	private final JdbcClient jdbc;

	private final Duration interval;

	private final Clock clock;

	private volatile @Nullable Snapshot last;

	OutboxReading(JdbcClient jdbc, Duration interval, Clock clock) {
		super("outbox-reading", interval, Stopping.byInterrupt(Duration.ofSeconds(5)));
		this.jdbc = jdbc;
		this.interval = interval;
		this.clock = clock;
	}

	/**
	 * The latest reading, or null when none is recent: not read yet, or the database did
	 * not answer for more than a few intervals. Never blocks.
	 */
	public @Nullable Snapshot current() {
		Snapshot snapshot = this.last;
		if (snapshot == null || snapshot.age(this.clock).compareTo(staleAfter()) > 0) {
			return null;
		}
		return snapshot;
	}

	/** How old a reading may be before it no longer counts. */
	public Duration staleAfter() {
		return this.interval.multipliedBy(5).plusSeconds(5);
	}

	@Override
	protected boolean runRound() {
		this.last = this.jdbc.sql("""
				select (select count(*) from (select 1 from messaging.outbox
				                              where published_at is null and parked_at is null limit ?) waiting),
				       (select extract(epoch from clock_timestamp() - created_at)::float8 from messaging.outbox
				        where published_at is null and parked_at is null order by id limit 1),
				       (select count(*) from messaging.outbox where parked_at is not null and published_at is null)""")
			.param(COUNT_LIMIT)
			.query((rs, n) -> new Snapshot(rs.getLong(1), Duration.ofMillis(Math.round(rs.getDouble(2) * 1000)),
					rs.getLong(3), this.clock.instant()))
			.single();
		return false;
	}

	@Override
	protected Pause roundFailed(RuntimeException failure, int failures) {
		logger.debug("Could not read the outbox", failure);
		return Pause.full(exponential(this.interval, failures - 1, Duration.ofSeconds(5)));
	}

	/**
	 * One reading of the outbox.
	 *
	 * @param backlog rows waiting to be published (not parked), counted up to
	 * {@value #COUNT_LIMIT}
	 * @param oldestUnpublishedAge age of the oldest of them when read, zero when none
	 * waits
	 * @param parked rows parked and not published
	 * @param readAt when it was read
	 */
	public record Snapshot(long backlog, Duration oldestUnpublishedAge, long parked, Instant readAt) {

		/** How long ago this was read. */
		public Duration age(Clock clock) {
			return Duration.between(this.readAt, clock.instant());
		}

		/** The oldest waiting row's age now, assuming it is still waiting. */
		public Duration oldestUnpublishedAgeNow(Clock clock) {
			return this.oldestUnpublishedAge.isZero() ? Duration.ZERO : this.oldestUnpublishedAge.plus(age(clock));
		}

	}

}
