package com.eventshop.loadtests.measure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one sample a second for the whole run: each consumer group's lag, the e-mail
 * service's unsent e-mails (as one more "lag", {@link #EMAIL_BACKLOG}), the order
 * service's outbox backlog, and CPU and resident memory of each process of the stack.
 */
public final class Sampler {

	private static final Logger logger = LoggerFactory.getLogger(Sampler.class);

	private final ConsumerLag lag;

	/** Where {@link Sample#lag()} keeps the e-mail service's unsent e-mails. */
	public static final String EMAIL_BACKLOG = "e-mail backlog";

	private final Count outbox;

	private final Count emails;

	private final Map<String, Long> pids;

	private final long startNanos;

	private final String databasePrefix;

	private final ProcessStats.Group backends;

	private final ProcessStats.Group background = ProcessStats.postgresBackground();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final List<Sample> samples = new CopyOnWriteArrayList<>();

	private volatile String phase = "start";

	/**
	 * One second of the run.
	 *
	 * @param second seconds since the run started
	 * @param phase the phase that was running
	 * @param lag lag by consumer group
	 * @param outboxBacklog unpublished outbox rows of the order service
	 * @param processes CPU and memory by process name
	 */
	public record Sample(double second, String phase, Map<String, Long> lag, long outboxBacklog,
			Map<String, ProcessStats.Reading> processes) {
	}

	/**
	 * @param lag reads the groups' lag
	 * @param orders connects to the order service's database
	 * @param email connects to the e-mail service's database
	 * @param pids the stack's processes by name
	 * @param startNanos when the run started
	 * @param databasePrefix the stack's database prefix: the PostgreSQL backends of its
	 * logins are sampled together as one more process, {@code postgresql}; the server's
	 * background processes as {@code postgresql background}, and this JVM as
	 * {@code generator}
	 */
	public Sampler(ConsumerLag lag, Connect orders, Connect email, Map<String, Long> pids, long startNanos,
			String databasePrefix) {
		this.lag = lag;
		this.outbox = new Count(orders, "select count(*) from messaging.outbox where published_at is null");
		this.emails = new Count(email, "select count(*) from notification where status = 'PENDING'");
		this.pids = pids;
		this.startNanos = startNanos;
		this.databasePrefix = databasePrefix;
		this.backends = ProcessStats.postgresBackends(databasePrefix);
	}

	public void start() {
		this.timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
	}

	public void phase(String phase) {
		this.phase = phase;
	}

	public List<Sample> samples() {
		return List.copyOf(this.samples);
	}

	private void sample() {
		try {
			double second = (System.nanoTime() - this.startNanos) / 1e9;
			Map<String, ProcessStats.Reading> processes = new TreeMap<>();
			this.pids.forEach((name, pid) -> ProcessStats.read(pid).ifPresent((r) -> processes.put(name, r)));
			if (!this.databasePrefix.isEmpty()) {
				processes.put("postgresql", this.backends.read());
			}
			processes.put("postgresql background", this.background.read());
			// the load generator (this JVM) shares the cores: its CPU is part of the cost
			ProcessStats.read(ProcessHandle.current().pid()).ifPresent((r) -> processes.put("generator", r));
			Map<String, Long> lags = new TreeMap<>(this.lag.read());
			lags.put(EMAIL_BACKLOG, this.emails.read());
			this.samples.add(new Sample(second, this.phase, lags, this.outbox.read(), processes));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("sample failed: {}", ex.toString());
		}
	}

	/**
	 * A count read every second over one connection; a broken connection (a restarted
	 * server) is replaced next time.
	 */
	private static final class Count {

		private final Connect connect;

		private final String sql;

		private @Nullable Connection connection;

		Count(Connect connect, String sql) {
			this.connect = connect;
			this.sql = sql;
		}

		long read() throws SQLException {
			Connection current = this.connection;
			if (current == null || current.isClosed()) {
				current = this.connect.connect();
				this.connection = current;
			}
			try (Statement statement = current.createStatement(); ResultSet rows = statement.executeQuery(this.sql)) {
				rows.next();
				return rows.getLong(1);
			}
			catch (SQLException ex) {
				this.connection = null;
				current.close();
				throw ex;
			}
		}

		void close() throws SQLException {
			Connection current = this.connection;
			if (current != null) {
				current.close();
			}
		}

	}

	/** Opens a connection to a service's database. */
	@FunctionalInterface
	public interface Connect {

		Connection connect() throws SQLException;

	}

	/** Stops sampling; the samples stay. */
	public void stop() throws InterruptedException, SQLException {
		this.timer.shutdown();
		this.timer.awaitTermination(10, TimeUnit.SECONDS);
		this.outbox.close();
		this.emails.close();
	}

}
