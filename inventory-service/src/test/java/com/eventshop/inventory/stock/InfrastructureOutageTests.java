package com.eventshop.inventory.stock;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.messaging.consumer.ListenerContainers;
import com.eventshop.messaging.consumer.SizeLimitedDeadLetterRecoverer;
import com.eventshop.testsupport.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An outage of the consumer's database is not the events' fault: while the database is
 * read-only or refuses connections for longer than the retry budget of a bad record, the
 * listener retries the same record without limit, reports itself not ready, and
 * dead-letters nothing; once the database is back every event is applied once. A record
 * too large to be dead-lettered as it is goes to the dead-letter topic cut to a preview,
 * and its partition moves on.
 */
class InfrastructureOutageTests extends InventoryTestSupport {

	/**
	 * Failed attempts past the budget of a bad record (the first attempt and 4 retries in
	 * tests).
	 */
	private static final int PAST_THE_RETRY_BUDGET = 6;

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ListenerContainers listeners;

	@Autowired
	CompositeHealthContributor messagingHealthContributor;

	TopicReader deadLetters;

	@BeforeEach
	void readDeadLetters() {
		this.deadLetters = this.topics.open(Topics.deadLetter(Topics.ORDERS, "inventory"));
	}

	@Test
	void aReadOnlyDatabaseDeadLettersNothingAndEveryEventIsAppliedOnceWhenItIsWritableAgain() throws Exception {
		// read-only statements fail at once: the case a connection timeout cannot hide
		survivesOutage("set default_transaction_read_only = on", "reset default_transaction_read_only", true);
	}

	@Test
	void refusedConnectionsDeadLetterNothingAndEveryEventIsAppliedOnceWhenTheyAreAcceptedAgain() throws Exception {
		survivesOutage("connection limit 0", "connection limit -1", false);
	}

	/**
	 * Breaks the service's database with {@code alter database ... <cause>} (ending its
	 * sessions, so that every new statement meets the fault), places orders past the old
	 * retry budget, mends it with {@code <cure>}, and checks that every order was applied
	 * once and nothing was dead-lettered.
	 */
	private void survivesOutage(String cause, String cure, boolean endSessionsAfterCure) throws Exception {
		try (Connection admin = this.dataSource.getConnection()) {
			String database = database(admin);
			String sku = Inventory.newSku();
			Inventory.stock(this.jdbc, sku, 3);
			execute(admin, "alter database " + database + " " + cause);
			terminateOtherSessions(admin, database);
			List<UUID> orders = new ArrayList<>();
			try {
				placeOrders(sku, orders, 5);
				awaitStuckPastTheRetryBudget();
			}
			finally {
				execute(admin, "alter database " + database + " " + cure);
				if (endSessionsAfterCure) {
					terminateOtherSessions(admin, database);
				}
			}
			assertEveryOrderAppliedOnceAndNoneDeadLettered(sku, orders);
		}
	}

	@Test
	void aRecordTooLargeToDeadLetterAsItIsIsDeadLetteredCutAndItsPartitionMovesOn() throws Exception {
		UUID orderId = UUID.randomUUID();
		String key = orderId.toString();
		// Just under the broker's 1 MiB limit, as a producer like kcat can send it; with
		// the failure's headers its dead-letter copy would not fit.
		byte[] huge = new byte[1_048_000];
		Arrays.fill(huge, (byte) 'x');
		this.publisher.publish(Topics.ORDERS, key, EventTypes.ORDER_PLACED_V1.name(), UUID.randomUUID(), huge);
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 1);
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(),
				Inventory.orderPlaced(orderId, Inventory.line(sku, 1)));

		await().atMost(TIMEOUT).until(() -> !Inventory.reservation(this.jdbc, orderId).isEmpty());
		List<ConsumerRecord<String, byte[]>> dead = this.deadLetters.awaitRecords(TIMEOUT,
				(records) -> !this.deadLetters.withKey(key).isEmpty());
		ConsumerRecord<String, byte[]> record = dead.stream().filter((r) -> key.equals(r.key())).findFirst().get();
		assertThat(TopicReader.header(record, "eventshop_dlt_reason")).isEqualTo("UNREADABLE");
		assertThat(TopicReader.header(record, SizeLimitedDeadLetterRecoverer.TRUNCATED_HEADER)).isEqualTo("true");
		assertThat(TopicReader.header(record, SizeLimitedDeadLetterRecoverer.ORIGINAL_SIZE_HEADER))
			.isEqualTo(Integer.toString(huge.length));
		assertThat(TopicReader.header(record, SizeLimitedDeadLetterRecoverer.ORIGINAL_SHA256_HEADER))
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(huge)));
		assertThat(record.value()).hasSizeLessThan(huge.length).isEqualTo(Arrays.copyOf(huge, record.value().length));
	}

	private void placeOrders(String sku, List<UUID> orders, int count) {
		for (int i = 0; i < count; i++) {
			UUID orderId = UUID.randomUUID();
			orders.add(orderId);
			this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(),
					Inventory.orderPlaced(orderId, Inventory.line(sku, 1)));
		}
	}

	/**
	 * Waits until the listener has failed on the outage far more often than a bad record
	 * may, while it reports itself not ready.
	 */
	private void awaitStuckPastTheRetryBudget() {
		double before = infrastructureFailures();
		await().atMost(TIMEOUT.multipliedBy(4)).until(() -> infrastructureFailures() >= before + PAST_THE_RETRY_BUDGET);
		assertThat(this.listeners.stuckOnInfrastructure("inventory")).isPresent();
		HealthIndicator listenersHealth = (HealthIndicator) this.messagingHealthContributor.getContributor("listeners");
		assertThat(listenersHealth.health().getStatus()).isEqualTo(Status.DOWN);
	}

	private void assertEveryOrderAppliedOnceAndNoneDeadLettered(String sku, List<UUID> orders) {
		// The pool reconnects after the outage: a query may meet a connection it cut.
		await().atMost(TIMEOUT.multipliedBy(4))
			.ignoreExceptions()
			.until(() -> orders.stream().allMatch((orderId) -> !Inventory.reservation(this.jdbc, orderId).isEmpty()));
		Inventory.Level level = Inventory.level(this.jdbc, sku);
		assertThat(level.available() + level.reserved()).as("stock conserved").isEqualTo(3);
		assertThat(level.reserved()).isEqualTo(3);
		assertThat(
				orders.stream().filter((orderId) -> Inventory.reservation(this.jdbc, orderId).startsWith("RESERVED")))
			.hasSize(3);
		for (UUID orderId : orders) {
			assertThat(this.jdbc.sql("select count(*) from reservation where order_id = ?")
				.param(orderId)
				.query(Long.class)
				.single()).isEqualTo(1);
		}
		await().atMost(TIMEOUT).until(() -> this.listeners.stuckOnInfrastructure("inventory").isEmpty());
		Set<String> keys = orders.stream().map(UUID::toString).collect(Collectors.toSet());
		assertThat(this.deadLetters.poll()).noneMatch((r) -> keys.contains(r.key()));
	}

	private double infrastructureFailures() {
		Counter counter = this.meters.find("eventshop.consumer.infrastructure.failures")
			.tag("group", "inventory")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static String database(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				var result = statement.executeQuery("select current_database()")) {
			result.next();
			return result.getString(1);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** Ends every session of the database but this one, as an outage would. */
	private static void terminateOtherSessions(Connection connection, String database) throws SQLException {
		try (var statement = connection.prepareStatement(
				"select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
			statement.setString(1, database);
			statement.executeQuery().close();
		}
	}

}
