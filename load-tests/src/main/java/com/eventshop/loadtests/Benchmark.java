package com.eventshop.loadtests;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.loadtests.baseline.JdbcBaseline;
import com.eventshop.loadtests.baseline.KafkaBaseline;
import com.eventshop.loadtests.load.Customers;
import com.eventshop.loadtests.load.OpenLoad;
import com.eventshop.loadtests.measure.ConsumerLag;
import com.eventshop.loadtests.measure.Databases;
import com.eventshop.loadtests.measure.Pipeline;
import com.eventshop.loadtests.measure.Sampler;
import com.eventshop.loadtests.report.JfrProfile;
import com.eventshop.loadtests.report.Machine;
import com.eventshop.loadtests.report.Report;
import com.eventshop.loadtests.report.Results;
import com.eventshop.localstack.identity.AuthClient;
import com.eventshop.localstack.identity.ClientToken;
import org.slf4j.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.slf4j.LoggerFactory;

/**
 * Runs the benchmark against a running local stack and writes its report. The phases, in
 * order: warm-up; the machine's limits (plain JDBC, bare Kafka); intake at rising rates;
 * end to end at a moderate rate; a sustained rate; the outbox drain. Between phases it
 * waits until every consumer has caught up, so each phase starts from an idle pipeline.
 */
public final class Benchmark {

	private static final Logger logger = LoggerFactory.getLogger(Benchmark.class);

	/** A type no consumer handles: the drain measures the relay, not the consumers. */
	static final String DRAIN_TYPE = "shop.benchmark.drain.v1";

	private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);

	private final Settings settings;

	private final Databases databases;

	private final Pipeline pipeline;

	private final Stack stack;

	private final OpenLoad load;

	private Benchmark(Settings settings) {
		this.settings = settings;
		this.databases = new Databases(settings.dbHost(), settings.dbPort(), settings.dbPrefix(),
				settings.dbAdminUser(), settings.dbAdminPassword());
		this.pipeline = new Pipeline(this.databases);
		AuthClient auth = new AuthClient(URI.create(settings.authUrl()));
		this.stack = new Stack(settings, ClientToken.of(auth, "operator-cli", System.getenv()));
		this.load = new OpenLoad(URI.create(settings.orderUrl() + "/api/orders"), settings.maxInFlight(),
				Customers.signIn(auth, settings.customers(), settings.customerPassword()));
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.parse(args);
		Results results = new Benchmark(settings).run(args);
		JsonNode before = settings.compare().isBlank() ? null
				: JsonMapper.builder().build().readTree(Path.of(settings.compare()).toFile());
		Path report = new Report(results, before).write(settings.out());
		logger.info("report written: {}", report);
	}

	private Results run(String[] args) throws Exception {
		Map<String, String> given = new TreeMap<>();
		for (String arg : args) {
			if (!arg.startsWith("admin-password=") && !arg.startsWith("db-admin-password=")
					&& !arg.startsWith("customer-password=")) {
				given.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
		}
		Machine machine = Machine.read(this.databases);
		Map<String, Long> pids = this.stack.pids();
		Map<String, Long> services = new TreeMap<>(pids);
		services.remove("kafka");
		services.remove("greenmail");
		this.stack.topUpStock(1_000_000);
		long start = System.nanoTime();
		try (ConsumerLag lag = new ConsumerLag(this.settings.kafka(),
				Set.of(Topics.ORDERS, Topics.INVENTORY, Topics.SHIPPING))) {
			Sampler sampler = new Sampler(lag, () -> this.databases.service("orders"), pids, start,
					this.settings.dbPrefix());
			sampler.start();
			try {
				return phases(sampler, lag, machine, given, services);
			}
			finally {
				sampler.stop();
			}
		}
	}

	private Results phases(Sampler sampler, ConsumerLag lag, Machine machine, Map<String, String> given,
			Map<String, Long> services) throws Exception {
		phase(sampler, "warm-up");
		this.load.run(this.settings.warmupRate(), seconds(this.settings.warmupSeconds()), Duration.ofSeconds(30));
		settle(lag);

		byte[] payload = samplePayload();
		phase(sampler, "baseline jdbc");
		JdbcBaseline.Result jdbc = new JdbcBaseline(this.databases,
				this.settings.root().resolve("order-service/src/main/resources/db/migration/order"),
				this.settings.root().resolve("common-messaging/src/main/resources/eventshop/messaging/db"))
			.run(this.settings.jdbcConcurrency(), seconds(this.settings.jdbcSeconds()), payload);
		logger.info("JDBC baseline: {}", jdbc);
		phase(sampler, "baseline kafka");
		KafkaBaseline.Result kafka = new KafkaBaseline(this.settings.kafka(), 6).run(this.settings.kafkaRecords(),
				payload);
		logger.info("Kafka baseline: {}", kafka);

		if (this.settings.profile()) {
			this.stack.startProfiling(services);
		}
		List<OpenLoad.Result> intake = new ArrayList<>();
		for (double rate : this.settings.intakeRates()) {
			phase(sampler, "intake %.0f/s".formatted(rate));
			OpenLoad.Result result = this.load.run(rate, seconds(this.settings.intakeSeconds()),
					Duration.ofSeconds(30));
			logger.info("intake at {}/s: {} accepted/s, {}", rate, result.acceptedPerSecond(), result.latency());
			intake.add(result);
			phase(sampler, "settle");
			settle(lag);
		}
		Results.LoadPhase endToEnd = loadPhase(sampler, lag, "end to end %.0f/s", this.settings.endToEndRate(),
				this.settings.endToEndSeconds());
		Results.LoadPhase sustained = loadPhase(sampler, lag, "sustained %.0f/s", this.settings.sustainedRate(),
				this.settings.sustainedSeconds());
		Map<String, JfrProfile.Profile> profiles = new LinkedHashMap<>();
		if (this.settings.profile()) {
			Map<String, Path> recordings = this.stack.stopProfiling(services,
					this.settings.pids().resolveSibling("profiles"));
			for (Map.Entry<String, Path> recording : recordings.entrySet()) {
				profiles.put(recording.getKey(), JfrProfile.read(recording.getValue(), 12));
			}
		}

		phase(sampler, "outbox drain");
		Results.Drain drain = drain();
		logger.info("drain: {}", drain);
		phase(sampler, "settle");
		settle(lag);
		sampler.stop();
		return new Results(LocalDate.now().toString(), this.settings.label(), machine, given, jdbc, kafka, intake,
				endToEnd, sustained, drain, profiles, sampler.samples(), Machine.currentLoadAverage());
	}

	private void phase(Sampler sampler, String name) {
		logger.info("phase: {}", name);
		sampler.phase(name);
	}

	private Results.LoadPhase loadPhase(Sampler sampler, ConsumerLag lag, String pattern, double rate, int seconds)
			throws Exception {
		String name = pattern.formatted(rate);
		phase(sampler, name);
		long from = this.pipeline.now();
		OpenLoad.Result result = this.load.run(rate, seconds(seconds), Duration.ofSeconds(30));
		long to = this.pipeline.now();
		logger.info("{}: {} accepted/s, {}", name, result.acceptedPerSecond(), result.latency());
		phase(sampler, "settle");
		long settleStart = System.nanoTime();
		settle(lag);
		double settled = (System.nanoTime() - settleStart) / 1e9;
		Pipeline.EndToEnd endToEnd = this.pipeline.endToEnd(from, to);
		Map<String, Pipeline.Throughput> throughput = this.pipeline.throughput(from, to);
		logger.info("{}: {}", name, endToEnd);
		List<Sampler.Sample> during = sampler.samples().stream().filter((s) -> s.phase().equals(name)).toList();
		Map<String, Double> slopes = new TreeMap<>();
		Map<String, Long> maxLag = new TreeMap<>();
		List<Double> times = during.stream().map(Sampler.Sample::second).toList();
		during.stream().flatMap((s) -> s.lag().keySet().stream()).distinct().forEach((group) -> {
			List<Long> lags = during.stream().map((s) -> s.lag().getOrDefault(group, 0L)).toList();
			slopes.put(group, ConsumerLag.slope(times, lags));
			maxLag.put(group, lags.stream().mapToLong(Long::longValue).max().orElse(0));
		});
		long maxBacklog = during.stream().mapToLong(Sampler.Sample::outboxBacklog).max().orElse(0);
		return new Results.LoadPhase(name, result, endToEnd, throughput, slopes, maxLag, maxBacklog, settled);
	}

	/**
	 * Waits until the outbox is empty and no group lags, so the next phase starts idle.
	 */
	private void settle(ConsumerLag lag) throws Exception {
		long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			long behind = lag.read().values().stream().mapToLong(Long::longValue).sum();
			if (behind == 0 && backlog() == 0) {
				return;
			}
			Thread.sleep(250);
		}
		logger.warn("the pipeline did not catch up within {}", SETTLE_TIMEOUT);
	}

	private long backlog() throws SQLException {
		return this.databases.value("orders", "select count(*) from messaging.outbox where published_at is null",
				Long.class);
	}

	/**
	 * A real {@code OrderPlaced} payload, so baselines and drain use records of its size.
	 */
	private byte[] samplePayload() throws SQLException {
		try (Connection orders = this.databases.service("orders");
				PreparedStatement statement = orders.prepareStatement(
						"select payload from messaging.outbox where event_type = ? order by id desc limit 1")) {
			statement.setString(1, EventTypes.ORDER_PLACED_V1.name());
			try (ResultSet row = statement.executeQuery()) {
				if (!row.next()) {
					throw new IllegalStateException("no OrderPlaced in the outbox: did the warm-up place orders?");
				}
				return row.getBytes(1);
			}
		}
	}

	/**
	 * Appends {@code drainEvents} rows in one transaction, as a Kafka outage would leave
	 * them, and measures how fast the relay publishes them all.
	 */
	private Results.Drain drain() throws Exception {
		byte[] payload = samplePayload();
		int events = this.settings.drainEvents();
		long committed;
		try (Connection orders = this.databases.service("orders")) {
			orders.setAutoCommit(false);
			try (PreparedStatement insert = orders.prepareStatement(
					"""
							insert into messaging.outbox (event_id, topic, record_key, event_type, source, subject, correlation_id,
							                              occurred_at, payload)
							select gen_random_uuid(), ?, k, ?, '/benchmark', k, k, now(), ?
							from (select gen_random_uuid()::text as k from generate_series(1, ?)) as keys""")) {
				insert.setString(1, Topics.ORDERS);
				insert.setString(2, DRAIN_TYPE);
				insert.setBytes(3, payload);
				insert.setInt(4, events);
				insert.executeUpdate();
			}
			orders.commit();
			committed = this.pipeline.now();
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (backlog() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		try (Connection orders = this.databases.service("orders");
				PreparedStatement statement = orders.prepareStatement("""
						select count(*), (extract(epoch from min(published_at)) * 1000000)::bigint,
						       (extract(epoch from max(published_at)) * 1000000)::bigint
						from messaging.outbox where event_type = ? and published_at is not null""");) {
			statement.setString(1, DRAIN_TYPE);
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				long published = row.getLong(1);
				double seconds = (row.getLong(3) - committed) / 1e6;
				return new Results.Drain((int) published, seconds, published / seconds,
						(row.getLong(2) - committed) / 1e6);
			}
		}
	}

	private static Duration seconds(int seconds) {
		return Duration.ofSeconds(seconds);
	}

}
