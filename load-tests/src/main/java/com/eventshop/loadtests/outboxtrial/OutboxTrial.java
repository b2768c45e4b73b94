package com.eventshop.loadtests.outboxtrial;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import com.eventshop.localstack.supervisor.LocalStack;
import com.eventshop.localstack.supervisor.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox trial (ADR 0001): our outbox, Spring Modulith's registry and Namastack
 * Outbox, one after the other against one broker and one PostgreSQL, each through the
 * same backlog drain and the same broker outage. Run by {@code scripts/outbox-trial.sh};
 * settings are {@code name=value} arguments (see {@link TrialSettings}).
 */
public final class OutboxTrial {

	private static final Logger logger = LoggerFactory.getLogger(OutboxTrial.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private final TrialSettings settings;

	private final LocalStack stack;

	private OutboxTrial(TrialSettings settings, LocalStack stack) {
		this.settings = settings;
		this.stack = stack;
	}

	public static void main(String[] args) throws Exception {
		TrialSettings settings = TrialSettings.parse(args);
		String loadAtStart = TrialReport.loadAverage();
		LocalStack stack = new LocalStack(settings.root(), settings.stackEnvironment(), (line) -> logger.info(line));
		try {
			stack.startBrokers();
			List<TrialReport.Result> results = new ArrayList<>();
			for (Candidate candidate : settings.candidates()) {
				results.add(new OutboxTrial(settings, stack).run(candidate));
				// after each library, so that a run cut short still leaves what it
				// measured
				Path report = new TrialReport(settings, loadAtStart, results).write();
				logger.info("report written: {}", report);
			}
		}
		finally {
			stack.stop();
		}
	}

	private TrialReport.Result run(Candidate candidate) throws Exception {
		logger.info("{}: drain of {} events", candidate.name(), this.settings.events());
		TrialDatabase database = new TrialDatabase(this.settings.dbHost(), this.settings.dbUser(),
				this.settings.dbPassword(), "outbox_trial_" + candidate.name());
		TrialReport.Drain drain = drain(candidate, database);
		logger.info("{}: {}", candidate.name(), drain);
		TrialReport.Outage outage = null;
		if (this.settings.outage()) {
			logger.info("{}: outage", candidate.name());
			// its own database: a drain that timed out leaves its backlog behind
			outage = outage(candidate, new TrialDatabase(this.settings.dbHost(), this.settings.dbUser(),
					this.settings.dbPassword(), "outbox_trial_" + candidate.name() + "_outage"));
			logger.info("{}: {}", candidate.name(), outage);
		}
		return new TrialReport.Result(candidate.name(), candidate.properties(), drain, outage);
	}

	private TrialReport.Drain drain(Candidate candidate, TrialDatabase database) throws Exception {
		String topic = "trial." + candidate.name() + ".drain";
		Candidate.OutboxTable table = candidate.table();
		// The library writes one row itself (and publishes it): the template of the
		// backlog.
		try (ConfigurableApplicationContext context = start(candidate, database, topic)) {
			inTransaction(context, () -> candidate.append(context, TrialEvents.orderPlaced(UUID.randomUUID(), 0)));
			await(() -> database.count(table.name(), table.pending()) == 0, Duration.ofMinutes(2));
		}
		Instant cloned = Instant.now();
		candidate.cloneBacklog(database.jdbc(), this.settings.events(), topic);
		TrialDatabase.Counters before = database.counters();
		Instant started = Instant.now();
		boolean done;
		try (ConfigurableApplicationContext context = start(candidate, database, topic)) {
			candidate.startPublishing(context);
			done = await(() -> database.count(table.name(), table.pending()) == 0, this.settings.drainTimeout());
		}
		Instant ended = Instant.now();
		// Backends report their counters when they end or go idle: give them time.
		Thread.sleep(2_000);
		TrialDatabase.Counters written = database.counters().minus(before);
		TrialDatabase.Span span = database.span(table.name(), table.completedAt(),
				table.completedAt() + " > '" + java.sql.Timestamp.from(cloned) + "'");
		// The template went to the drain's topic too, unless the library chose its topic.
		long template = candidate.outageTopic(topic).equals(topic) ? 1 : 0;
		long acknowledged = TopicReadBack.count(this.stack.bootstrapServers(), topic) - template;
		return new TrialReport.Drain(this.settings.events(), done, span.rows(), acknowledged, span.seconds(),
				span.rows() / Math.max(span.seconds(), 0.001),
				Duration.between(started, span.first()).toMillis() / 1000.0,
				Duration.between(started, ended).toMillis() / 1000.0, written);
	}

	private TrialReport.Outage outage(Candidate candidate, TrialDatabase database) throws Exception {
		String topic = candidate.outageTopic("trial." + candidate.name() + ".outage");
		Candidate.OutboxTable table = candidate.table();
		List<UUID> keys = new ArrayList<>();
		for (int i = 0; i < this.settings.keys(); i++) {
			keys.add(UUID.randomUUID());
		}
		Map<String, Long> appended = new HashMap<>();
		AtomicLong failedAppends = new AtomicLong();
		try (ConfigurableApplicationContext context = start(candidate, database, topic)) {
			int total = this.settings.rate() * this.settings.streamSeconds();
			long startNanos = System.nanoTime();
			Thread appender = Thread.ofPlatform().name("trial-appender").start(() -> {
				for (int i = 0; i < total; i++) {
					long due = startNanos + (long) (i * 1e9 / this.settings.rate());
					long wait = due - System.nanoTime();
					if (wait > 0) {
						java.util.concurrent.locks.LockSupport.parkNanos(wait);
					}
					UUID key = keys.get(i % keys.size());
					long sequence = appended.getOrDefault(key.toString(), 0L);
					try {
						inTransaction(context, () -> candidate.append(context, TrialEvents.orderPlaced(key, sequence)));
						appended.put(key.toString(), sequence + 1);
					}
					catch (RuntimeException ex) {
						failedAppends.incrementAndGet();
					}
				}
			});
			sleepUntil(startNanos, this.settings.killAfter());
			this.stack.kill("kafka");
			Instant killed = Instant.now();
			logger.info("{}: broker killed", candidate.name());
			sleepUntil(startNanos, this.settings.killAfter().plus(this.settings.downFor()));
			this.stack.startAgain("kafka");
			await(() -> Ports.listening(this.settings.kafkaPort()), Duration.ofMinutes(2));
			Instant back = Instant.now();
			logger.info("{}: broker back", candidate.name());
			appender.join();
			Instant streamEnded = Instant.now();
			boolean recovered = await(() -> database.count(table.name(), table.pending()) == 0,
					this.settings.recoveryTimeout());
			String during = table.appendedAt() + " between '" + java.sql.Timestamp.from(killed) + "' and '"
					+ java.sql.Timestamp.from(back) + "'";
			TrialDatabase.Span outageEvents = database.span(table.name(), table.completedAt(),
					during + " and " + table.completedAt() + " is not null");
			long pendingWithout = database.count(table.name(), table.pending());
			long failed = database.count(table.name(), table.failed());
			Delivery without = Delivery.check(appended, TopicReadBack.read(this.stack.bootstrapServers(), topic));
			Delivery afterResubmission = null;
			long pendingAfterResubmission = 0;
			if (!recovered && candidate.needsResubmission()) {
				logger.info("{}: {} still pending; resubmitting once", candidate.name(), pendingWithout);
				candidate.resubmit(context);
				await(() -> database.count(table.name(), table.pending()) == 0, this.settings.recoveryTimeout());
				pendingAfterResubmission = database.count(table.name(), table.pending());
				afterResubmission = Delivery.check(appended, TopicReadBack.read(this.stack.bootstrapServers(), topic));
			}
			return new TrialReport.Outage(topic, this.settings.rate(), this.settings.streamSeconds(),
					failedAppends.get(), Duration.between(killed, back).toMillis() / 1000.0, recovered,
					(outageEvents.rows() > 0) ? Duration.between(back, outageEvents.first()).toMillis() / 1000.0 : -1,
					(outageEvents.rows() > 0) ? Duration.between(back, outageEvents.last()).toMillis() / 1000.0 : -1,
					Duration.between(back, streamEnded).toMillis() / 1000.0, pendingWithout, failed, without,
					afterResubmission, pendingAfterResubmission);
		}
	}

	private ConfigurableApplicationContext start(Candidate candidate, TrialDatabase database, String topic) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", database.url());
		properties.put("spring.datasource.username", database.user());
		properties.put("spring.datasource.password", database.password());
		properties.put("spring.kafka.bootstrap-servers", this.stack.bootstrapServers());
		properties.put("spring.kafka.producer.value-serializer",
				"org.springframework.kafka.support.serializer.JacksonJsonSerializer");
		properties.put("spring.kafka.producer.properties.spring.json.add.type.headers", "false");
		properties.put("trial.topic", topic);
		properties.putAll(candidate.properties());
		SpringApplication application = new SpringApplication(candidate.configuration());
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setDefaultProperties(properties);
		return application.run();
	}

	private static void inTransaction(ConfigurableApplicationContext context, Runnable work) {
		new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
			.executeWithoutResult((status) -> work.run());
	}

	/** Polls a condition until it holds or the time is up; returns whether it held. */
	private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(POLL);
		}
		return true;
	}

	private static void sleepUntil(long startNanos, Duration after) throws InterruptedException {
		long wait = startNanos + after.toNanos() - System.nanoTime();
		if (wait > 0) {
			Thread.sleep(Duration.ofNanos(wait));
		}
	}

}
