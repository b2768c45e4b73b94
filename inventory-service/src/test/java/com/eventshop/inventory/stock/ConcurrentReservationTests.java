package com.eventshop.inventory.stock;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.inventory.InventoryServiceApplication;
import com.eventshop.inventory.stock.Inventory.Level;
import com.eventshop.messaging.consumer.ListenerContainers;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import static com.eventshop.inventory.stock.Inventory.line;
import static com.eventshop.inventory.stock.Inventory.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Proves that stock is never oversold: many orders for the last units of one SKU, handled
 * at the same time by several listener threads, and by two instances of the service on
 * one database, reserve exactly the units there are and reject the rest. Batches of
 * orders that lock the same SKUs in crossing orders wait for each other instead of
 * deadlocking, and batches over other SKUs, on the other instance, do not wait at all.
 */
@InventoryServiceTest
class ConcurrentReservationTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private static final int UNITS = 10;

	private static final int ORDERS = 50;

	/**
	 * Partitions of every topic in the tests (the broker's and the service's default).
	 */
	private static final int PARTITIONS = 6;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestInfrastructure infrastructure;

	@Autowired
	ListenerContainers consumers;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Environment environment;

	@Autowired
	DataSource dataSource;

	@Test
	void concurrentOrdersForTheLastUnitsReserveExactlyTheUnitsThereAre() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, UNITS);
		awaitEveryOrdersPartitionReadHere();

		List<UUID> eventIds = placeOneUnitOrders(sku);

		assertExactlyTheUnitsReserved(sku);
		ConcurrentMessageListenerContainer<byte[], byte[]> container = this.consumers.containers().get("inventory");
		List<Integer> partitions = handledPartitions(eventIds);
		Set<Object> threads = partitions.stream()
			.map((partition) -> container.getContainerFor(Topics.ORDERS, partition))
			.collect(Collectors.toSet());
		assertThat(partitions).as("partitions the orders were handled on").hasSizeGreaterThanOrEqualTo(2);
		assertThat(threads).as("listener threads that handled them").hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void twoInstancesOnOneDatabaseStillReserveExactlyTheUnitsThereAre() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, UNITS);
		double handledHere = handled(this.meters);
		try (ConfigurableApplicationContext second = startSecondInstance()) {
			awaitPartitionsSharedWith(second);

			placeOneUnitOrders(sku);

			assertExactlyTheUnitsReserved(sku);
			assertThat(handled(second.getBean(MeterRegistry.class))).as("orders handled by the second instance")
				.isPositive();
			assertThat(handled(this.meters) - handledHere).as("orders handled by this instance").isPositive();
		}
		awaitEveryOrdersPartitionReadHere();
	}

	@Test
	void twoInstancesHandleBatchesAtTheSameTime() throws SQLException {
		String held = Inventory.newSku();
		String free = Inventory.newSku();
		Inventory.stock(this.jdbc, held, UNITS);
		Inventory.stock(this.jdbc, free, UNITS);
		try (ConfigurableApplicationContext second = startSecondInstance()) {
			awaitPartitionsSharedWith(second);
			Set<Integer> mine = partitionNumbers(this.consumers.containers().get("inventory"));
			Set<Integer> theirs = partitionNumbers(
					second.getBean(ListenerContainers.class).containers().get("inventory"));
			MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
			double handledHere = handled(this.meters);
			double handledThere = handled(secondMeters);
			// All on one partition: one listener thread waits for the held row.
			List<UUID> heldOrders = orderIdsOn(Set.of(mine.iterator().next()), 3);
			List<UUID> freeOrders = orderIdsOn(theirs, 3);
			try (Connection holder = this.dataSource.getConnection()) {
				holder.setAutoCommit(false);
				try (PreparedStatement lock = holder
					.prepareStatement("select sku from stock where sku = ? for update")) {
					lock.setString(1, held);
					lock.execute();
				}
				int holderPid = backendPid(holder);
				publishOneUnitOrders(heldOrders, held);
				// This instance's batch over the held SKU is open, waiting for the row.
				await().atMost(TIMEOUT).until(() -> waitingOn(holderPid).isPresent());
				Waiter waiter = waitingOn(holderPid).orElseThrow();

				publishOneUnitOrders(freeOrders, free);

				await().atMost(TIMEOUT)
					.until(() -> freeOrders.stream()
						.allMatch((orderId) -> Inventory.reservation(this.jdbc, orderId).startsWith("RESERVED:")));
				assertThat(waitingOn(holderPid)).as("the batch over the held SKU, still open and waiting")
					.contains(waiter);
				assertThat(heldOrders).allMatch((orderId) -> Inventory.reservation(this.jdbc, orderId).isEmpty());
				holder.rollback();
			}
			await().atMost(TIMEOUT)
				.until(() -> heldOrders.stream()
					.allMatch((orderId) -> Inventory.reservation(this.jdbc, orderId).startsWith("RESERVED:")));
			assertThat(handled(secondMeters) - handledThere).as("orders the second instance handled")
				.isGreaterThanOrEqualTo(freeOrders.size());
			assertThat(handled(this.meters) - handledHere).as("orders this instance handled")
				.isGreaterThanOrEqualTo(heldOrders.size());
		}
		awaitEveryOrdersPartitionReadHere();
	}

	@Test
	void batchesOverTheSameSkusInCrossingOrdersTakeTurnsAndNeverDeadlock() {
		List<String> skus = List.of(Inventory.newSku(), Inventory.newSku(), Inventory.newSku(), Inventory.newSku());
		skus.forEach((sku) -> Inventory.stock(this.jdbc, sku, 10_000));
		awaitEveryOrdersPartitionReadHere();
		long deadlocks = deadlocks();
		Random random = new Random(7);
		List<UUID> orders = new ArrayList<>();
		int[] units = new int[skus.size()];
		// Published while the listeners are stopped, so that each thread gets a large
		// batch; each order takes two SKUs, so one batch locks them in every order.
		this.consumers.stop();
		try (EventPublisher publisher = new EventPublisher(this.infrastructure.kafkaBootstrapServers())) {
			for (int i = 0; i < 240; i++) {
				int first = random.nextInt(skus.size());
				int second = (first + 1 + random.nextInt(skus.size() - 1)) % skus.size();
				UUID orderId = UUID.randomUUID();
				orders.add(orderId);
				units[first] += 1;
				units[second] += 2;
				publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(),
						orderPlaced(orderId, line(skus.get(first), 1), line(skus.get(second), 2)));
			}
		}
		finally {
			this.consumers.start();
		}

		await().atMost(TIMEOUT)
			.until(() -> orders.stream()
				.allMatch((orderId) -> Inventory.reservation(this.jdbc, orderId).startsWith("RESERVED:")));
		for (int i = 0; i < skus.size(); i++) {
			assertThat(Inventory.level(this.jdbc, skus.get(i))).isEqualTo(new Level(10_000 - units[i], units[i]));
		}
		// PostgreSQL counts the deadlocks it broke; a backend reports its count when it
		// next flushes its statistics (at most ten seconds idle), so the count is watched
		// for a while. A lock timeout is no deadlock: on a busy machine a batch may hold
		// its locks longer than the timeout, and the retry is the designed answer to it
		await().during(Duration.ofSeconds(12))
			.atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(deadlocks()).as("deadlocks PostgreSQL broke in this database")
				.isEqualTo(deadlocks));
		awaitEveryOrdersPartitionReadHere();
	}

	@Test
	void theDatabaseRefusesNegativeStockWhateverTheCode() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 1);

		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(
				() -> this.jdbc.sql("update stock set available = available - 2, reserved = reserved + 2 where sku = ?")
					.param(sku)
					.update());
		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(1, 0));
	}

	/**
	 * Publishes one-unit orders with distinct order ids, so they spread over the
	 * partitions and are handled side by side.
	 * @return their event ids
	 */
	private List<UUID> placeOneUnitOrders(String sku) {
		List<UUID> eventIds = new ArrayList<>();
		try (EventPublisher publisher = new EventPublisher(this.infrastructure.kafkaBootstrapServers())) {
			for (int i = 0; i < ORDERS; i++) {
				UUID eventId = UUID.randomUUID();
				publisher.publish(EventTypes.ORDER_PLACED_V1, eventId, orderPlaced(UUID.randomUUID(), line(sku, 1)));
				eventIds.add(eventId);
			}
		}
		return eventIds;
	}

	private void assertExactlyTheUnitsReserved(String sku) {
		await().atMost(TIMEOUT).until(() -> statuses(sku).size() == ORDERS);
		assertThat(statuses(sku)).filteredOn("RESERVED"::equals).hasSize(UNITS);
		assertThat(statuses(sku)).filteredOn("REJECTED"::equals).hasSize(ORDERS - UNITS);
		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(0, UNITS));
	}

	private void publishOneUnitOrders(List<UUID> orderIds, String sku) {
		try (EventPublisher publisher = new EventPublisher(this.infrastructure.kafkaBootstrapServers())) {
			orderIds.forEach((orderId) -> publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(),
					orderPlaced(orderId, line(sku, 1))));
		}
	}

	/** Order ids whose records land on these partitions (Kafka's default partitioner). */
	private static List<UUID> orderIdsOn(Set<Integer> partitions, int count) {
		List<UUID> orderIds = new ArrayList<>();
		while (orderIds.size() < count) {
			UUID orderId = UUID.randomUUID();
			byte[] key = orderId.toString().getBytes(StandardCharsets.UTF_8);
			if (partitions.contains(Utils.toPositive(Utils.murmur2(key)) % PARTITIONS)) {
				orderIds.add(orderId);
			}
		}
		return orderIds;
	}

	private static Set<Integer> partitionNumbers(ConcurrentMessageListenerContainer<byte[], byte[]> container) {
		return ordersPartitions(container.getAssignedPartitions()).stream()
			.map(TopicPartition::partition)
			.collect(Collectors.toSet());
	}

	private static int backendPid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

	/**
	 * The transaction that waits for a lock the backend {@code holder} holds, if one
	 * does.
	 */
	private Optional<Waiter> waitingOn(int holder) {
		return this.jdbc
			.sql("select pid, xact_start from pg_stat_activity where ? = any(pg_blocking_pids(pid)) "
					+ "and datname = current_database()")
			.param(holder)
			.query((rs, row) -> new Waiter(rs.getInt("pid"), rs.getTimestamp("xact_start").toInstant()))
			.optional();
	}

	/** A database backend and the start of its open transaction. */
	private record Waiter(int pid, Instant transactionStart) {
	}

	/** The status of every order decided for the SKU. */
	private List<String> statuses(String sku) {
		return this.jdbc.sql("""
				select r.status from reservation r join reservation_line l on l.order_id = r.order_id
				where l.sku = ?""").param(sku).query(String.class).list();
	}

	private List<Integer> handledPartitions(List<UUID> eventIds) {
		return this.jdbc
			.sql("select distinct partition from messaging.inbox where consumer = 'inventory' and event_id = any(?)")
			.param(eventIds.toArray(UUID[]::new))
			.query(Integer.class)
			.list();
	}

	/**
	 * A second instance of the service, on this test's database and broker and in its
	 * consumer group. Command-line arguments, because they override application.yml.
	 */
	private ConfigurableApplicationContext startSecondInstance() {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
		for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
				"spring.kafka.bootstrap-servers", "eventshop.security.public-key-location",
				"eventshop.messaging.consumer.concurrency", "eventshop.messaging.consumer.lock-timeout")) {
			args.add("--" + key + "=" + this.environment.getRequiredProperty(key));
		}
		return new SpringApplicationBuilder(InventoryServiceApplication.class).run(args.toArray(String[]::new));
	}

	/**
	 * Waits until the group has rebalanced: each instance reads some partitions of the
	 * orders topic, and no partition is read by both.
	 */
	private void awaitPartitionsSharedWith(ConfigurableApplicationContext second) {
		var here = this.consumers.containers().get("inventory");
		var there = second.getBean(ListenerContainers.class).containers().get("inventory");
		await().atMost(TIMEOUT).until(() -> {
			Set<TopicPartition> mine = ordersPartitions(here.getAssignedPartitions());
			Set<TopicPartition> theirs = ordersPartitions(there.getAssignedPartitions());
			return !mine.isEmpty() && !theirs.isEmpty() && mine.stream().noneMatch(theirs::contains);
		});
	}

	/**
	 * Waits for a settled group: this instance alone reads every partition, and each of
	 * its listener threads reads some (after a restart the first thread to join may hold
	 * them all for a moment).
	 */
	private void awaitEveryOrdersPartitionReadHere() {
		var here = this.consumers.containers().get("inventory");
		await().atMost(TIMEOUT)
			.until(() -> ordersPartitions(here.getAssignedPartitions()).size() == PARTITIONS && here.getContainers()
				.stream()
				.allMatch((thread) -> !ordersPartitions(thread.getAssignedPartitions()).isEmpty()));
	}

	private static Set<TopicPartition> ordersPartitions(@Nullable Collection<TopicPartition> assigned) {
		if (assigned == null) {
			return Set.of();
		}
		return assigned.stream().filter((tp) -> Topics.ORDERS.equals(tp.topic())).collect(Collectors.toSet());
	}

	private long deadlocks() {
		Long count = this.jdbc.sql("select deadlocks from pg_stat_database where datname = current_database()")
			.query(Long.class)
			.single();
		return (count != null) ? count : 0;
	}

	/** Events the {@code inventory} group of an instance has handled so far. */
	private static double handled(MeterRegistry meters) {
		return meters.find("eventshop.consumer.handled")
			.tag("group", "inventory")
			.timers()
			.stream()
			.mapToDouble(Timer::count)
			.sum();
	}

}
