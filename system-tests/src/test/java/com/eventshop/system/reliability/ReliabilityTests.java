package com.eventshop.system.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
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
 * The fast subset of the failure-injection matrix: the whole system as separate processes
 * (started by {@code scripts/local-stack.sh start}) under a steady load of orders, a
 * process killed with SIGKILL mid-load and started again, then every order that got a
 * {@code 201} accounted for in every consumer's database: none missing, none handled
 * twice. Each run writes {@code target/reliability/<timestamp>.md} and {@code .json}.
 * <p>
 * A longer run:
 * {@code ./mvnw -B -o -pl local-stack,system-tests -am verify -Dtest=ReliabilityTests
 * -Dsurefire.failIfNoSpecifiedTests=false -Dreliability.excluded-groups=none
 * -Dreliability.orders-per-second=100 -Dreliability.duration=60s}, which adds the
 * order-service scenario. The faults are timed by the share of orders sent, so they scale
 * with the load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ReliabilityTests {

	private final int perSecond = Integer.getInteger("reliability.orders-per-second", 20);

	private final Duration duration = Duration
		.parse("PT" + System.getProperty("reliability.duration", "15s").toUpperCase());

	private final Duration settleTimeout = Duration
		.parse("PT" + System.getProperty("reliability.settle-timeout", "120s").toUpperCase());

	private final ReliabilityReport report = new ReliabilityReport();

	private final FaultStack stack = new FaultStack();

	@BeforeAll
	void startTheWholeSystem() throws Exception {
		this.stack.start();
	}

	@AfterAll
	void stopEverythingAndWriteTheReport() throws Exception {
		try {
			this.stack.stop();
		}
		finally {
			Path written = this.report.write(Path.of("target/reliability").toAbsolutePath());
			System.out.println("Reliability report: " + written);
		}
	}

	@Test
	@Order(1)
	void steadyLoadWithoutFaultsHandlesEveryAcceptedOrderOnceEverywhere() throws Exception {
		Scenario scenario = run("control", "none", (driver) -> null);
		assertAccountedFor(scenario, total() / 2);
	}

	@Test
	@Order(2)
	void consumerKilledMidLoadHandlesEveryAcceptedOrderOnceAfterItsRestart() throws Exception {
		Scenario scenario = run("inventory killed", "inventory-service kill -9, restarted after 5 s of load",
				(driver) -> outage(driver, "inventory", "inventory", 1.0 / 3, Duration.ofSeconds(5)));
		assertAccountedFor(scenario, total() / 2);
	}

	@Test
	@Order(3)
	void brokerKilledMidLoadLosesNoAcceptedOrderAndDuplicatesNoEffect() throws Exception {
		Scenario scenario = run("broker killed", "Kafka broker kill -9, restarted with its data after 10 s of load",
				(driver) -> outage(driver, "kafka", "inventory", 0.2, Duration.ofSeconds(10)));
		assertAccountedFor(scenario, total() / 2);
	}

	/**
	 * Part of the longer run only (tag {@code long-run}, left out of
	 * {@code ./mvnw verify} by the module's build; docs/running.md has the command):
	 * order-service reads its own consumer group too, so a SIGKILL leaves its partitions
	 * waiting for the broker's session timeout, which the fast subset cannot afford.
	 */
	@Test
	@Order(4)
	@Tag("long-run")
	void orderServiceKilledMidLoadLosesNoOrderItAccepted() throws Exception {
		Scenario scenario = run("order-service killed", "order-service kill -9, restarted after 5 s of load",
				(driver) -> outage(driver, "order", "orders", 1.0 / 3, Duration.ofSeconds(5)));
		// Requests while it is down and starting are refused; the ones it accepted count.
		assertAccountedFor(scenario, 1);
	}

	/**
	 * Kills {@code process} once {@code at} of the orders were sent, and starts it again
	 * after {@code down} worth of orders more; returns when it was started again, and the
	 * database whose inbox shows when handling resumed.
	 */
	private Restart outage(LoadDriver driver, String process, String database, double at, Duration down)
			throws Exception {
		int total = total();
		int killAt = (int) (total * at);
		int restartAt = killAt + (int) (this.perSecond * down.toMillis() / 1000);
		await(process + " kill point").atMost(this.duration).until(() -> driver.sent() >= killAt);
		FaultStack.Launch launch = this.stack.kill(process);
		await(process + " restart point").atMost(this.duration.plus(down)).until(() -> driver.sent() >= restartAt);
		this.stack.restart(launch);
		return new Restart(Instant.now(), database);
	}

	private Scenario run(String name, String fault, Fault injection) throws Exception {
		LoadDriver driver = new LoadDriver(this.stack.url("ORDER_PORT"));
		CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
			try {
				driver.run(this.perSecond, this.duration);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		});
		Restart restart = injection.inject(driver);
		load.get(this.duration.toSeconds() + 60, TimeUnit.SECONDS);
		Instant loadEnded = Instant.now();
		Set<UUID> accepted = driver.accepted();
		Accounting[] last = { Accounting.of(this.stack, accepted) };
		Instant settled = null;
		try {
			await(name + " to settle").atMost(this.settleTimeout)
				.pollInterval(Duration.ofMillis(500))
				.until(() -> (last[0] = Accounting.of(this.stack, accepted)).settled());
			settled = Instant.now();
		}
		catch (ConditionTimeoutException ex) {
			// recorded in the report as never settled; the assertions say what is missing
		}
		Accounting accounting = last[0];
		Instant restarted = (restart != null) ? restart.at() : null;
		Instant firstHandled = (restart != null) ? firstHandledAfter(restart) : null;
		Scenario scenario = new Scenario(name, fault, this.perSecond, this.duration.toMillis() / 1000.0,
				accounting.accepted(), driver.refused(), accounting.lost(), accounting.pending(),
				accounting.consumers(), accounting.missing(), accounting.duplicated(), between(restarted, firstHandled),
				between(restarted, settled), between(loadEnded, settled));
		this.report.add(scenario);
		return scenario;
	}

	/** When the restarted side handled its first event: the first inbox row after it. */
	private @Nullable Instant firstHandledAfter(Restart restart) throws SQLException {
		try (Connection connection = this.stack.connect(this.stack.database(restart.database()));
				PreparedStatement statement = connection
					.prepareStatement("select min(handled_at) from messaging.inbox where handled_at >= ?")) {
			statement.setObject(1, restart.at().atOffset(ZoneOffset.UTC));
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				OffsetDateTime first = row.getObject(1, OffsetDateTime.class);
				return (first != null) ? first.toInstant() : null;
			}
		}
	}

	private void assertAccountedFor(Scenario scenario, int minimumAccepted) {
		assertThat(scenario.accepted()).as("orders accepted in %s: %s", scenario.name(), scenario)
			.isGreaterThanOrEqualTo(minimumAccepted);
		assertThat(scenario.missing()).as("missing in %s: %s%n%s", scenario.name(), scenario, this.stack.logTails())
			.isZero();
		assertThat(scenario.duplicated()).as("duplicated in %s: %s", scenario.name(), scenario).isZero();
	}

	private int total() {
		return (int) (this.perSecond * this.duration.toMillis() / 1000);
	}

	private static @Nullable Long between(@Nullable Instant from, @Nullable Instant to) {
		return (from != null && to != null) ? Duration.between(from, to).toMillis() : null;
	}

	/** What a scenario does to the system while the load runs. */
	@FunctionalInterface
	private interface Fault {

		/** Returns when the killed process was started again, null when none was. */
		@Nullable Restart inject(LoadDriver driver) throws Exception;

	}

	/**
	 * When a killed process was started again.
	 *
	 * @param at the instant
	 * @param database the database whose inbox shows when handling resumed
	 */
	private record Restart(Instant at, String database) {
	}

}
