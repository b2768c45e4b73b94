package com.eventshop.system.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The failure matrix on the scaled-out stack ({@code scripts/local-stack.sh up --scale}):
 * three brokers (replication 3, two copies in sync for a write), two instances of every
 * service, the orders placed through the gateway. A broker killed under load, the
 * controller killed, one instance of each service killed, both instances of one service
 * killed; after each, every order that got a {@code 201} is accounted for with the strict
 * invariants ({@link Invariants}). Besides, each scenario measures the longest stall of
 * inventory's consumers (the widest gap between two events it handled while the load
 * ran), which a broker's death should keep to about a leader election.
 * <p>
 * Heavy (thirteen JVMs on the machine): tagged {@code long-run}, run by
 * {@code scripts/reliability.sh --scale}; the report goes to
 * {@code target/reliability-scaled/}.
 */
@Tag("long-run")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ScaledClusterTests {

	private static final Map<String, String> GROUPS = new LinkedHashMap<>(Map.of("inventory", "INVENTORY_PORT", "email",
			"EMAIL_PORT", "shipping", "SHIPPING_PORT", "analytics", "ANALYTICS_PORT", "order", "ORDER_PORT"));

	private static final List<String> SERVICES = List.of("order", "inventory", "email", "shipping", "analytics");

	private final int perSecond = Integer.getInteger("reliability.orders-per-second", 10);

	private final Duration duration = duration("reliability.duration", "40s");

	private final Duration outage = duration("reliability.broker-outage", "15s");

	private final Duration settleTimeout = duration("reliability.settle-timeout", "300s");

	private final ReliabilityReport report = new ReliabilityReport();

	private final FaultStack stack = new FaultStack(true);

	private final Map<String, DeadLetterDesk> desks = new LinkedHashMap<>();

	@BeforeAll
	void startTheScaledStack() throws Exception {
		this.report.setting("stack", "scaled: 3 KRaft brokers (each also a controller), replication factor 3, "
				+ "min.insync.replicas 2, no unclean leader election; 2 instances of every service; orders through the gateway");
		this.report.setting("load", this.perSecond + " orders/s for " + this.duration.toSeconds()
				+ " s per scenario; a killed process is started again after " + this.outage.toSeconds() + " s");
		this.stack.start();
		for (String sku : LoadDriver.SKUS) {
			this.stack.setStock(sku, 1_000_000);
		}
		for (Map.Entry<String, String> group : GROUPS.entrySet()) {
			this.desks.put(group.getKey(), new DeadLetterDesk(this.stack.url(group.getValue()), this.stack::operator));
		}
		// Warm-up: every JVM through the saga a few times before anything is measured.
		LoadDriver driver = driver();
		driver.run(Math.max(1, this.perSecond / 4), this.duration);
		Set<UUID> accepted = driver.accepted();
		assertThat(accepted).as("warm-up orders accepted; refused: %s", driver.refused()).isNotEmpty();
		await("the warm-up to settle").atMost(this.settleTimeout)
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> Accounting.of(this.stack, accepted, FaultStack.MAILBOX).settled());
		Mailbox.purge(this.stack);
	}

	@AfterAll
	void stopEverythingAndWriteTheReport() throws Exception {
		try {
			this.stack.stop();
		}
		finally {
			Path written = this.report.write(Path.of("target/reliability-scaled").toAbsolutePath());
			System.out.println("Scaled cluster report: " + written);
		}
	}

	@Test
	@Order(1)
	void steadyLoadOnTheClusterHandlesEveryOrderOnceEverywhere() throws Exception {
		Scenario scenario = run("cluster control", "none", (driver) -> {
		});
		assertAccountedFor(scenario);
		assertThat(scenario.refused()).as("refused orders without a fault").isEmpty();
	}

	@Test
	@Order(2)
	void brokerKilledUnderLoadRefusesNoOrderAndLosesNone() throws Exception {
		String broker = anyBrokerBut(activeController());
		Scenario scenario = run("broker killed", broker + " (not the controller) kill -9 at a third of the load, "
				+ "started again " + this.outage.toSeconds() + " s later", (driver) -> kill(driver, List.of(broker)));
		assertAccountedFor(scenario);
		assertThat(scenario.refused()).as("orders refused while one broker of three was down").isEmpty();
	}

	@Test
	@Order(3)
	void controllerKilledUnderLoadRefusesNoOrderAndLosesNone() throws Exception {
		String controller = activeController();
		Scenario scenario = run(
				"controller killed", controller + " (the active controller) kill -9 at a third "
						+ "of the load, started again " + this.outage.toSeconds() + " s later",
				(driver) -> kill(driver, List.of(controller)));
		assertAccountedFor(scenario);
		assertThat(scenario.refused()).as("orders refused while the controller was down").isEmpty();
	}

	@Test
	@Order(4)
	void oneInstanceOfEveryServiceKilledLosesNoOrder() throws Exception {
		List<String> second = SERVICES.stream().map((service) -> service + "-2").toList();
		Scenario scenario = run(
				"one instance of each service killed", String.join(", ", second)
						+ " kill -9 at a third of the load, started again " + this.outage.toSeconds() + " s later",
				(driver) -> kill(driver, second));
		// The gateway has no retry: requests it sent to the dead order-service instance
		// are refused (the client was promised nothing); every accepted one is accounted.
		assertAccountedFor(scenario);
	}

	@Test
	@Order(5)
	void bothInstancesOfInventoryKilledRecoverAsASingleInstanceDoes() throws Exception {
		List<String> both = List.of("inventory", "inventory-2");
		Scenario scenario = run(
				"both inventory instances killed", "inventory and inventory-2 kill -9 at a third of "
						+ "the load, started again " + this.outage.toSeconds() + " s later",
				(driver) -> kill(driver, both));
		assertAccountedFor(scenario);
	}

	private LoadDriver driver() {
		return new LoadDriver(this.stack.url("EDGE_PORT"), (number) -> false, this.stack::customer);
	}

	/**
	 * Kills the processes at a third of the orders, starts them again after the outage.
	 */
	private void kill(LoadDriver driver, List<String> processes) {
		int total = (int) (this.perSecond * this.duration.toSeconds());
		int killAt = total / 3;
		int restartAt = killAt + (int) (this.perSecond * this.outage.toSeconds());
		await("fault point").atMost(this.duration).until(() -> driver.sent() >= killAt);
		processes.forEach(this.stack::kill);
		await("restart point").atMost(this.duration.plus(this.outage)).until(() -> driver.sent() >= restartAt);
		processes.forEach(this.stack::restart);
	}

	private Scenario run(String name, String fault, Fault injection) throws Exception {
		Map<String, List<DeadLetterDesk.Letter>> lettersBefore = letters();
		Map<String, StockLevel> stockBefore = Accounting.stock(this.stack);
		StockSampler sampler = new StockSampler(this.stack);
		LoadDriver driver = driver();
		Instant loadStarted = Instant.now();
		CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
			try {
				driver.run(this.perSecond, this.duration);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		});
		injection.inject(driver);
		load.get(this.duration.plus(LoadDriver.ANSWER_TIMEOUT).toSeconds() + 120, TimeUnit.SECONDS);
		Instant loadEnded = Instant.now();
		Set<UUID> accepted = driver.accepted();
		Accounting[] last = { Accounting.of(this.stack, accepted, FaultStack.MAILBOX) };
		Instant settled = null;
		try {
			await(name + " to settle").atMost(this.settleTimeout)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> (last[0] = Accounting.of(this.stack, accepted, FaultStack.MAILBOX)).settled());
			settled = Instant.now();
		}
		catch (ConditionTimeoutException ex) {
			// reported as never settled; the assertions say what is missing
		}
		Accounting accounting = last[0];
		List<Map<String, StockLevel>> samples = sampler.stop();
		Map<String, StockLevel> stockAfter = Accounting.stock(this.stack);
		Map<String, List<DeadLetterDesk.Letter>> fresh = new TreeMap<>();
		letters().forEach((group, all) -> {
			Set<String> old = lettersBefore.getOrDefault(group, List.of())
				.stream()
				.map(ScaledClusterTests::where)
				.collect(Collectors.toSet());
			fresh.put(group, all.stream().filter((letter) -> !old.contains(where(letter))).toList());
		});
		Map<String, Integer> deadLettered = new TreeMap<>();
		fresh.forEach((group, list) -> deadLettered.put(group, list.size()));
		List<String> violations = new ArrayList<>(Invariants.orders(accounting.trails()));
		violations.addAll(Invariants.stock(stockBefore, samples, stockAfter, accounting.shippedUnits()));
		violations.addAll(Invariants.deadLetters(fresh, Map.of()));
		Scenario scenario = new Scenario(name, fault, this.perSecond, this.duration.toMillis() / 1000.0,
				accounting.accepted(), driver.refused(), accounting.lost(), accounting.pending(),
				accounting.consumers(), accounting.missing(), accounting.duplicated(), null, null,
				(settled != null) ? Duration.between(loadEnded, settled).toMillis() : null, deadLettered,
				accounting.statuses(), violations, new ArrayList<>());
		scenario.check("longest stall of inventory's consumers while the load ran: "
				+ longestStall(loadStarted, loadEnded) + " ms (the widest gap between two events it handled)");
		this.report.add(scenario);
		Mailbox.purge(this.stack);
		return scenario;
	}

	/** The widest gap between two events inventory handled in the window, in ms. */
	private long longestStall(Instant from, Instant to) throws Exception {
		try (Connection connection = this.stack.connect(this.stack.database("inventory"));
				PreparedStatement statement = connection.prepareStatement("""
						select coalesce(max(extract(epoch from gap) * 1000), 0)::bigint from (
						  select handled_at - lag(handled_at) over (order by handled_at) as gap
						  from messaging.inbox where consumer = 'inventory' and handled_at between ? and ?) gaps""")) {
			statement.setObject(1, from.atOffset(ZoneOffset.UTC));
			statement.setObject(2, to.atOffset(ZoneOffset.UTC));
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				return row.getLong(1);
			}
		}
	}

	/**
	 * The broker that is the active controller now (every broker is a controller too).
	 */
	private String activeController() throws Exception {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.bootstrapServers());
		try (Admin admin = Admin.create(config)) {
			int leader = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
			return (leader == 1) ? "kafka" : "kafka-" + leader;
		}
	}

	private static String anyBrokerBut(String controller) {
		return List.of("kafka", "kafka-2", "kafka-3")
			.stream()
			.filter((broker) -> !broker.equals(controller))
			.reduce((first, other) -> other)
			.orElseThrow();
	}

	private Map<String, List<DeadLetterDesk.Letter>> letters() throws Exception {
		Map<String, List<DeadLetterDesk.Letter>> letters = new TreeMap<>();
		for (Map.Entry<String, DeadLetterDesk> desk : this.desks.entrySet()) {
			letters.put(desk.getKey(), desk.getValue().list());
		}
		return letters;
	}

	private static String where(DeadLetterDesk.Letter letter) {
		return letter.topic() + "/" + letter.partition() + "@" + letter.offset();
	}

	private void assertAccountedFor(Scenario scenario) {
		assertThat(scenario.accepted()).as("orders accepted in %s: %s", scenario.name(), scenario).isPositive();
		assertThat(scenario.missing()).as("missing in %s: %s%n%s", scenario.name(), scenario, this.stack.logTails())
			.isZero();
		assertThat(scenario.duplicated()).as("duplicated in %s: %s", scenario.name(), scenario).isZero();
		assertThat(scenario.violations()).as("invariants broken in %s", scenario.name()).isEmpty();
		assertThat(scenario.deadLetters().values()).as("good events dead-lettered in %s", scenario.name())
			.allMatch((count) -> count == 0);
	}

	private static Duration duration(String property, String fallback) {
		return Duration.parse("PT" + System.getProperty(property, fallback).toUpperCase());
	}

	@FunctionalInterface
	private interface Fault {

		void inject(LoadDriver driver) throws Exception;

	}

}
