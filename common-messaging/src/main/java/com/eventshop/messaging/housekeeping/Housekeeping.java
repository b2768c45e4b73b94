package com.eventshop.messaging.housekeeping;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.eventshop.messaging.MessagingProperties.HousekeepingSettings;
import com.eventshop.messaging.support.BackgroundWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Deletes what the {@link Retention}s of this service say has been kept long enough:
 * every {@code interval}, on a thread of its own, each table in batches (one short
 * transaction per batch, so a large backlog never holds locks or a long transaction).
 * <p>
 * A run holds one session-level advisory lock on its database, so of several instances of
 * a service only one purges at a time; a run that finds the lock taken does nothing. The
 * rows deleted are counted per table in {@code eventshop.housekeeping.purged}.
 */
public class Housekeeping extends BackgroundWorker {

	/** The advisory lock a run holds, one per database. */
	static final String LOCK_NAME = "eventshop.housekeeping";

	private static final Logger logger = LoggerFactory.getLogger(Housekeeping.class);

	private final DataSource dataSource;

	private final List<Retention> retentions;

	private final HousekeepingSettings settings;

	private final Clock clock;

	private final Map<String, Counter> purged = new LinkedHashMap<>();

	public Housekeeping(DataSource dataSource, List<Retention> retentions, HousekeepingSettings settings,
			MeterRegistry meters, Clock clock) {
		super("housekeeping", settings.interval(), Stopping.byInterrupt(Duration.ofSeconds(10)));
		this.dataSource = dataSource;
		this.retentions = List.copyOf(retentions);
		this.settings = settings;
		this.clock = clock;
		for (Retention retention : this.retentions) {
			this.purged.put(retention.name(),
					Counter.builder("eventshop.housekeeping.purged")
						.description("Rows deleted by housekeeping after their retention")
						.baseUnit("rows")
						.tag("table", retention.name())
						.register(meters));
		}
	}

	/** The retentions this worker applies, for inspection. */
	public List<Retention> retentions() {
		return this.retentions;
	}

	@Override
	protected boolean runRound() {
		purge();
		return false;
	}

	@Override
	protected Pause roundFailed(RuntimeException failure, int failures) {
		logger.warn("Housekeeping could not purge ({}); trying again in {}", failure.getMessage(),
				this.settings.interval());
		return Pause.full(this.settings.interval());
	}

	/**
	 * One run: every table purged of the rows past its retention, unless another instance
	 * holds the housekeeping lock.
	 * @return rows deleted per retention name; empty when another instance was purging
	 */
	public Map<String, Integer> purge() {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
			Boolean locked = jdbc.sql("select pg_try_advisory_lock(hashtextextended(?, 0))")
				.param(LOCK_NAME)
				.query(Boolean.class)
				.single();
			if (!Boolean.TRUE.equals(locked)) {
				return Map.of();
			}
			try {
				Map<String, Integer> deleted = new LinkedHashMap<>();
				for (Retention retention : this.retentions) {
					deleted.put(retention.name(), purge(jdbc, retention));
				}
				return deleted;
			}
			finally {
				jdbc.sql("select pg_advisory_unlock(hashtextextended(?, 0))")
					.param(LOCK_NAME)
					.query(Boolean.class)
					.single();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Housekeeping database unavailable: " + ex.getMessage(), ex);
		}
	}

	private int purge(JdbcClient jdbc, Retention retention) {
		Timestamp before = Timestamp.from(this.clock.instant().minus(retention.keep()));
		Counter counter = this.purged.get(retention.name());
		int total = 0;
		int deleted;
		do {
			if (Thread.currentThread().isInterrupted()) {
				break;
			}
			deleted = jdbc.sql(retention.deleteBatch()).params(before, this.settings.batchSize()).update();
			total += deleted;
			if (counter != null) {
				counter.increment(deleted);
			}
		}
		while (deleted >= this.settings.batchSize());
		if (total > 0) {
			logger.info("Purged {} {} rows older than {}", total, retention.name(), retention.keep());
		}
		return total;
	}

}
