package com.eventshop.loadtests;

import java.io.IOException;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

import com.eventshop.events.ConsumerGroups;
import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.loadtests.baseline.IdentityCost;
import com.eventshop.loadtests.baseline.JdbcBaseline;
import com.eventshop.loadtests.baseline.KafkaBaseline;
import com.eventshop.loadtests.baseline.SmtpBaseline;
import com.eventshop.loadtests.load.Customers;
import com.eventshop.loadtests.load.OpenLoad;
import com.eventshop.loadtests.measure.Completions;
import com.eventshop.loadtests.measure.ConsumerLag;
import com.eventshop.loadtests.measure.Databases;
import com.eventshop.loadtests.measure.Pipeline;
import com.eventshop.loadtests.measure.Sampler;
import com.eventshop.loadtests.report.JfrProfile;
import com.eventshop.loadtests.report.Machine;
import com.eventshop.loadtests.report.Report;
import com.eventshop.loadtests.report.Results;
import com.eventshop.loadtests.report.Roles;
import com.eventshop.loadtests.report.Topology;
import com.eventshop.localstack.identity.AuthClient;
import com.eventshop.localstack.identity.ClientToken;
import org.slf4j.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.slf4j.LoggerFactory;

/**
 * Runs the benchmark against a running local stack and writes its report. The phases, in
 * order: warm-up; the machine's limits (plain JDBC, bare Kafka); intake at rising rates;
 * end to end at a moderate rate; a sustained rate; the outbox drain; the e-mail drain;
 * the analytics read model rebuilt from the history the run wrote. Between phases it
 * waits until every consumer has caught up, so each phase starts from an idle pipeline.
 */
public final class Benchmark {

	private static final Logger logger = LoggerFactory.getLogger(Benchmark.class);

	/**
	 * A registered type of {@code shop.orders.v1} that no consumer group handles, so that
	 * every consumer skips it: the drain measures the relay, not the consumers. (A type
	 * no contract describes would be dead-lettered by every group.)
	 */
	static final String DRAIN_TYPE = EventTypes.all()
		.stream()
		.filter((type) -> type.topic().equals(Topics.ORDERS))
		.filter((type) -> ConsumerGroups.all().stream().noneMatch((group) -> group.types().contains(type)))
		.map(EventType::name)
		.findFirst()
		.orElseThrow(() -> new IllegalStateException(
				"Every type of " + Topics.ORDERS + " has a consumer; the outbox drain needs one that none handles"));

	/** Processes left out of the JFR recordings: the brokers, and servers not ours. */
	private static final Set<String> NOT_PROFILED = Set.of("kafka", "greenmail", "zipkin");

	private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);

	/**
	 * How long the run follows the analytics rebuild before it reports it as it stands.
	 */
	private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(15);

	/**
	 * Token checks timed per request of the identity phase: 20,000 at the default 1,000
	 * requests, fewer for a short run.
	 */
	private static final int IDENTITY_VALIDATIONS_PER_REQUEST = 20;

	/**
	 * The first seconds of a load phase that its completion rate leaves out: the first
	 * orders are still on their way (the warehouse delay alone is two seconds).
	 */
	private static final double RAMP_UP_SECONDS = 10;

	private final Settings settings;

	private final Databases databases;

	private final Pipeline pipeline;

	private final Completions completions;

	private final Stack stack;

	private final OpenLoad load;

	private final List<String> customers;

	/** What admission control refused in each load phase, by reason. */
	private final Map<String, Map<String, Long>> refusals = new LinkedHashMap<>();

	private Benchmark(Settings settings) {
		this.settings = settings;
		this.databases = new Databases(settings.dbHost(), settings.dbPort(), settings.dbPrefix(),
				settings.dbAdminUser(), settings.dbAdminPassword());
		this.pipeline = new Pipeline(this.databases);
		this.completions = new Completions(this.databases);
		AuthClient auth = new AuthClient(URI.create(settings.authUrl()));
		this.stack = new Stack(settings, ClientToken.of(auth, "operator-cli", System.getenv()));
		this.customers = Customers.signIn(auth, settings.customers(), settings.customerPassword());
		this.load = new OpenLoad(URI.create(settings.ordersUrl()), settings.maxInFlight(), this.customers);
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
		Topology topology = this.stack.topology();
		logger.info("stack: {}", topology.describe());
		Map<String, Long> services = new TreeMap<>(pids);
		services.keySet().removeIf((name) -> NOT_PROFILED.contains(Roles.role(name)));
		this.stack.topUpStock(1_000_000);
		long start = System.nanoTime();
		try (ConsumerLag lag = new ConsumerLag(this.settings.kafka(),
				Set.of(Topics.ORDERS, Topics.INVENTORY, Topics.SHIPPING))) {
			Sampler sampler = new Sampler(lag, () -> this.databases.service("orders"),
					() -> this.databases.service("email"), pids, start, this.settings.dbPrefix());
			sampler.start();
			try {
				return phases(sampler, lag, machine, topology, given, services);
			}
			finally {
				sampler.stop();
			}
		}
	}

	private Results phases(Sampler sampler, ConsumerLag lag, Machine machine, Topology topology,
			Map<String, String> given, Map<String, Long> services) throws Exception {
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
		// the event topics' settings (scaled: three copies, two of them in sync)
		KafkaBaseline.Result kafka = new KafkaBaseline(this.settings.kafka(), 6, topology.replication(),
				topology.minInSync())
			.run(this.settings.kafkaRecords(), payload);
		logger.info("Kafka baseline: {}", kafka);
		phase(sampler, "identity");
		IdentityCost.Result identity = new IdentityCost().measure(URI.create(this.settings.authUrl()),
				this.customers.getFirst(), this.settings.orderUrl(), this.settings.edgeUrl(),
				this.stack.pids().getOrDefault("edge", -1L), this.settings.identityRequests(),
				IDENTITY_VALIDATIONS_PER_REQUEST * this.settings.identityRequests());
		logger.info("identity: {}", identity);

		if (this.settings.profile()) {
			this.stack.startProfiling(services);
		}
		List<OpenLoad.Result> intake = new ArrayList<>();
		for (double rate : this.settings.intakeRates()) {
			phase(sampler, "intake %.0f/s".formatted(rate));
			OpenLoad.Result result = counting("intake %.0f/s".formatted(rate),
					() -> this.load.run(rate, seconds(this.settings.intakeSeconds()), Duration.ofSeconds(30)));
			logger.info("intake at {}/s: {} accepted/s, {}", rate, result.acceptedPerSecond(), result.latency());
			intake.add(result);
			phase(sampler, "settle");
			settle(lag);
		}
		Results.Probe probe = null;
		double sustainedRate = this.settings.sustainedRate();
		double endToEndRate = this.settings.endToEndRate();
		if (Double.isNaN(sustainedRate) || Double.isNaN(endToEndRate)) {
			probe = probe(sampler, lag);
			double found = Math.max(probe.sustainable(), this.settings.probeStartRate() / 2);
			sustainedRate = Double.isNaN(sustainedRate) ? found : sustainedRate;
			endToEndRate = Double.isNaN(endToEndRate) ? Math.max(1, Math.round(sustainedRate / 2)) : endToEndRate;
		}
		Results.LoadPhase endToEnd = loadPhase(sampler, lag, "end to end %.0f/s", endToEndRate,
				this.settings.endToEndSeconds());
		Results.LoadPhase sustained = loadPhase(sampler, lag, "sustained %.0f/s", sustainedRate,
				this.settings.sustainedSeconds());
		Map<String, JfrProfile.Profile> profiles = this.settings.profile()
				? this.stack.stopProfiling(services, this.settings.pids().resolveSibling("profiles"), 12) : Map.of();

		Results.LoadPhase overload = null;
		if (this.settings.overloadSeconds() > 0) {
			// twice the rate the sustained phase completed: the system should finish as
			// much
			// as then and refuse the rest at once, not collapse
			double rate = 2 * Math.max(1, sustained.completion().completedPerSecond());
			overload = loadPhase(sampler, lag, "overload %.0f/s", Math.round(rate), this.settings.overloadSeconds());
		}

		phase(sampler, "outbox drain");
		Results.Drain drain = drain();
		logger.info("drain: {}", drain);
		phase(sampler, "settle");
		settle(lag);
		phase(sampler, "baseline smtp");
		SmtpBaseline.Result smtp = new SmtpBaseline(this.settings.smtpHost(), this.settings.smtpPort(),
				this.settings.smtpConnections())
			.run(this.settings.smtpMessages(), sampleEmailBytes());
		logger.info("SMTP baseline: {}", smtp);
		phase(sampler, "e-mail drain");
		Results.Drain emails = emailDrain();
		logger.info("e-mail drain: {}", emails);
		Results.Rebuild rebuild = null;
		if (this.settings.rebuild()) {
			phase(sampler, "analytics rebuild");
			try {
				rebuild = this.stack.rebuildAnalytics(REBUILD_TIMEOUT);
			}
			catch (IOException | RuntimeException ex) {
				// the last phase: what the run measured before it is worth its report
				logger.warn("the analytics rebuild could not be run or followed", ex);
				rebuild = new Results.Rebuild("NOT RUN", 0, 0, 0, 0, 0, ex.toString());
			}
			logger.info("analytics rebuild: {}", rebuild);
		}
		sampler.stop();
		return new Results(LocalDate.now().toString(), this.settings.label(), machine, topology, given, jdbc, kafka,
				identity, intake, probe, endToEnd, sustained, overload, drain, new Results.EmailCapacity(smtp, emails),
				rebuild, profiles, this.refusals, sampler.samples(), Machine.currentLoadAverage());
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
		OpenLoad.Result result = counting(name, () -> this.load.run(rate, seconds(seconds), Duration.ofSeconds(30)));
		long to = this.pipeline.now();
		logger.info("{}: {} accepted/s, {}", name, result.acceptedPerSecond(), result.latency());
		phase(sampler, "settle");
		long settleStart = System.nanoTime();
		settle(lag);
		double settled = (System.nanoTime() - settleStart) / 1e9;
		Pipeline.EndToEnd endToEnd = this.pipeline.endToEnd(from, to);
		Completions.Summary completion = this.completions.read(from, to, endToEnd.commitTimes())
			.summary(Math.min(RAMP_UP_SECONDS, seconds / 5.0));
		logger.info("{}: {}", name, completion);
		Map<String, Pipeline.Throughput> throughput = this.pipeline.throughput(from, to);
		logger.info("{}: {}", name, endToEnd);
		List<Sampler.Sample> during = during(sampler, name);
		Map<String, Double> slopes = slopes(during);
		Map<String, Long> maxLag = new TreeMap<>();
		during.stream()
			.flatMap((s) -> s.lag().keySet().stream())
			.distinct()
			.forEach((group) -> maxLag.put(group,
					during.stream().mapToLong((s) -> s.lag().getOrDefault(group, 0L)).max().orElse(0)));
		long maxBacklog = during.stream().mapToLong(Sampler.Sample::outboxBacklog).max().orElse(0);
		return new Results.LoadPhase(name, result, endToEnd, throughput, slopes, maxLag, maxBacklog, settled,
				completion);
	}

	/**
	 * Runs a load phase and keeps what admission control refused during it, by reason (a
	 * repeated probe step adds to its rate's count).
	 */
	private OpenLoad.Result counting(String phase, Callable<OpenLoad.Result> load) throws Exception {
		Map<String, Long> before = this.stack.refusals();
		OpenLoad.Result result = load.call();
		Stack.refusedBetween(before, this.stack.refusals())
			.forEach((reason, count) -> this.refusals.computeIfAbsent(phase, (k) -> new TreeMap<>())
				.merge(reason, count, Long::sum));
		return result;
	}

	private static List<Sampler.Sample> during(Sampler sampler, String phase) {
		return sampler.samples().stream().filter((s) -> s.phase().equals(phase)).toList();
	}

	/**
	 * How fast each group's lag (and the e-mail backlog) grew over the samples, per
	 * second.
	 */
	private static Map<String, Double> slopes(List<Sampler.Sample> during) {
		Map<String, Double> slopes = new TreeMap<>();
		List<Double> times = during.stream().map(Sampler.Sample::second).toList();
		during.stream().flatMap((s) -> s.lag().keySet().stream()).distinct().forEach((group) -> {
			List<Long> lags = during.stream().map((s) -> s.lag().getOrDefault(group, 0L)).toList();
			slopes.put(group, ConsumerLag.slope(times, lags));
		});
		return slopes;
	}

	/**
	 * Finds the highest sustainable rate: asks for rising rates, each for
	 * {@code probeSeconds} and each from an idle pipeline, until a rate lets a group's
	 * lag or the e-mail backlog grow, or does not take every arrival, twice in a row.
	 */
	private Results.Probe probe(Sampler sampler, ConsumerLag lag) throws Exception {
		List<Double> rates = new ArrayList<>();
		for (double rate = this.settings.probeStartRate(); rate <= this.settings.probeMaxRate(); rate = Math
			.round(rate * this.settings.probeFactor())) {
			rates.add(rate);
		}
		return probe(rates, (rate) -> {
			String name = "probe %.0f/s".formatted(rate);
			phase(sampler, name);
			OpenLoad.Result result = counting(name,
					() -> this.load.run(rate, seconds(this.settings.probeSeconds()), Duration.ofSeconds(30)));
			Results.ProbeStep step = probeStep(rate, result, slopes(during(sampler, name)));
			logger.info("{}: {}", name, step);
			phase(sampler, "settle");
			settle(lag);
			return step;
		});
	}

	/**
	 * Runs the probe's steps at {@code rates} in turn. A step that is not flat is asked
	 * for once more at the same rate: a lag read once a second for half a minute can look
	 * like it grew by a record a second when a batch or a pause fell at the step's end,
	 * so only a second step that is not flat either ends the probe. The sustainable rate
	 * is the last rate before it.
	 */
	static Results.Probe probe(List<Double> rates, ProbeRun run) throws Exception {
		List<Results.ProbeStep> steps = new ArrayList<>();
		double sustainable = 0;
		for (double rate : rates) {
			Results.ProbeStep step = run.step(rate);
			steps.add(step);
			if (!step.flat()) {
				Results.ProbeStep again = run.step(rate);
				steps.add(again);
				if (!again.flat()) {
					break;
				}
			}
			sustainable = rate;
		}
		return new Results.Probe(steps, sustainable);
	}

	/** One probe step at a rate, from an idle pipeline back to one. */
	@FunctionalInterface
	interface ProbeRun {

		Results.ProbeStep step(double rate) throws Exception;

	}

	/**
	 * Judges one probe step: flat when at least 98 % of the arrivals were accepted and
	 * nothing grew faster than 2 % of the rate (at least one record a second) — a queue
	 * that grows like that for a step would grow without end at that rate.
	 */
	static Results.ProbeStep probeStep(double rate, OpenLoad.Result result, Map<String, Double> slopes) {
		Map.Entry<String, Double> steepest = slopes.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue())
			.orElse(Map.entry("-", 0.0));
		double taken = (result.scheduled() > 0) ? (double) result.accepted() / result.scheduled() : 0;
		boolean flat = taken >= 0.98 && steepest.getValue() <= Math.max(1, 0.02 * rate);
		return new Results.ProbeStep(rate, result.acceptedPerSecond(), taken, steepest.getValue(), steepest.getKey(),
				flat);
	}

	/**
	 * Waits until the outbox is empty, no group lags and no e-mail waits to be sent, so
	 * the next phase starts idle and the last one's work is all counted.
	 */
	private void settle(ConsumerLag lag) throws Exception {
		long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				long behind = lag.read().values().stream().mapToLong(Long::longValue).sum();
				if (behind == 0 && backlog() == 0 && unsentEmails() == 0) {
					return;
				}
			}
			catch (SQLException | TimeoutException ex) {
				// On a shared server the connection slots may all be taken for a moment,
				// and an overloaded broker may answer the lag's admin calls late: not a
				// reason to abandon the run, only to ask again
				logger.warn("could not read the backlogs or the lag ({}); asking again", ex.toString());
			}
			Thread.sleep(250);
		}
		logger.warn("the pipeline did not catch up within {}", SETTLE_TIMEOUT);
	}

	private long unsentEmails() throws SQLException {
		return this.databases.value("email", "select count(*) from notification where status = 'PENDING'", Long.class);
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

	/** The size of the bodies the e-mail service writes, for the SMTP baseline. */
	private int sampleEmailBytes() throws SQLException {
		Integer bytes = this.databases.value("email", "select coalesce(avg(length(body)), 1000)::int from notification",
				Integer.class);
		return bytes;
	}

	/**
	 * Writes {@code smtpMessages} due e-mails straight into the e-mail service's table,
	 * in one transaction, and measures how fast the service sends them all: its rate with
	 * a backlog, to set beside the SMTP server's own.
	 */
	private Results.Drain emailDrain() throws Exception {
		int messages = this.settings.smtpMessages();
		long committed;
		try (Connection email = this.databases.service("email")) {
			email.setAutoCommit(false);
			try (PreparedStatement insert = email.prepareStatement(
					"""
							insert into notification (id, order_id, kind, recipient, subject, body, status, attempts,
							                          next_attempt_at, created_at)
							select gen_random_uuid(), gen_random_uuid(), 'benchmark-drain', 'drain-' || n || '@example.com',
							       'Benchmark e-mail ' || n, b.body, 'PENDING', 0, now(), now()
							from generate_series(1, ?) as n,
							     (select coalesce((select body from notification order by created_at desc limit 1), 'x') as body) b""")) {
				insert.setInt(1, messages);
				insert.executeUpdate();
			}
			email.commit();
			committed = this.pipeline.now();
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (unsentEmails() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		try (Connection email = this.databases.service("email");
				PreparedStatement statement = email.prepareStatement("""
						select count(*), (extract(epoch from min(sent_at)) * 1000000)::bigint,
						       (extract(epoch from max(sent_at)) * 1000000)::bigint
						from notification where kind = 'benchmark-drain' and status = 'SENT'""");
				ResultSet row = statement.executeQuery()) {
			row.next();
			long sent = row.getLong(1);
			double seconds = (row.getLong(3) - committed) / 1e6;
			return new Results.Drain((int) sent, seconds, sent / seconds, (row.getLong(2) - committed) / 1e6);
		}
	}

	private static Duration seconds(int seconds) {
		return Duration.ofSeconds(seconds);
	}

}
