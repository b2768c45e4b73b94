package com.eventshop.loadtests.baseline;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.loadtests.load.Orders;
import com.eventshop.loadtests.measure.Databases;
import com.eventshop.loadtests.measure.Latencies;

/**
 * The limit of order placement on this machine: the transaction the order service runs
 * for an order (read the prices, insert the order, its lines, its first status and its
 * outbox row), through plain JDBC on as many connections as the order service's pool,
 * back to back, into a scratch database built from the order service's own migrations.
 */
public final class JdbcBaseline {

	private final Databases databases;

	private final Path orderMigrations;

	private final Path messagingMigrations;

	public JdbcBaseline(Databases databases, Path orderMigrations, Path messagingMigrations) {
		this.databases = databases;
		this.orderMigrations = orderMigrations;
		this.messagingMigrations = messagingMigrations;
	}

	/**
	 * Runs the transaction on {@code concurrency} connections for {@code duration}.
	 * @param payload an outbox payload as the order service writes it
	 */
	public Result run(int concurrency, Duration duration, byte[] payload)
			throws SQLException, IOException, InterruptedException {
		String scratch = this.databases.prefix() + "baseline_scratch";
		try (Connection admin = this.databases.admin("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("drop database if exists " + scratch);
			statement.execute("create database " + scratch);
		}
		try {
			migrate(scratch);
			return measure(scratch, concurrency, duration, payload);
		}
		finally {
			try (Connection admin = this.databases.admin("postgres"); Statement statement = admin.createStatement()) {
				statement.execute("drop database if exists " + scratch + " with (force)");
			}
		}
	}

	private void migrate(String scratch) throws SQLException, IOException {
		try (Connection db = this.databases.admin(scratch); Statement statement = db.createStatement()) {
			for (Path script : scripts(this.orderMigrations)) {
				statement.execute(Files.readString(script));
			}
			statement.execute("create schema messaging");
			statement.execute("set search_path to messaging");
			for (Path script : scripts(this.messagingMigrations)) {
				statement.execute(Files.readString(script));
			}
		}
	}

	/** Flyway's versioned scripts of a folder, in version order. */
	static List<Path> scripts(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((f) -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
				.sorted(Comparator.comparingInt(JdbcBaseline::version))
				.toList();
		}
	}

	private static int version(Path script) {
		String name = script.getFileName().toString();
		return Integer.parseInt(name.substring(1, name.indexOf("__")));
	}

	private Result measure(String scratch, int concurrency, Duration duration, byte[] payload)
			throws InterruptedException {
		Latencies latencies = new Latencies();
		AtomicLong failures = new AtomicLong();
		long deadline = System.nanoTime() + duration.toNanos();
		List<Thread> workers = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < concurrency; i++) {
			workers.add(Thread.ofPlatform().name("jdbc-baseline-" + i).start(() -> {
				try (Connection db = this.databases.admin(scratch)) {
					db.setAutoCommit(false);
					while (System.nanoTime() < deadline) {
						long begin = System.nanoTime();
						placeOrder(db, payload);
						latencies.add((System.nanoTime() - begin) / 1000);
					}
				}
				catch (SQLException ex) {
					failures.incrementAndGet();
				}
			}));
		}
		for (Thread worker : workers) {
			worker.join();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		Latencies.Summary summary = latencies.summary();
		return new Result(concurrency, seconds, summary.count() / seconds, summary, failures.get());
	}

	private static void placeOrder(Connection db, byte[] payload) throws SQLException {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		UUID orderId = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		int lines = 1 + random.nextInt(3);
		int first = random.nextInt(Orders.SKUS.size());
		String[] skus = new String[lines];
		for (int i = 0; i < lines; i++) {
			skus[i] = Orders.SKUS.get((first + i) % Orders.SKUS.size());
		}
		List<Object[]> priced = new ArrayList<>();
		try (PreparedStatement prices = db
			.prepareStatement("select sku, name, unit_price from product where sku = any(?) and active")) {
			prices.setArray(1, db.createArrayOf("text", skus));
			try (ResultSet rows = prices.executeQuery()) {
				while (rows.next()) {
					priced.add(new Object[] { rows.getString(1), rows.getString(2), rows.getBigDecimal(3) });
				}
			}
		}
		BigDecimal total = BigDecimal.ZERO;
		for (Object[] line : priced) {
			total = total.add((BigDecimal) line[2]);
		}
		try (PreparedStatement order = db.prepareStatement("""
				insert into customer_order (id, customer_id, customer_name, customer_email, ship_line1, ship_city,
				    ship_postal_code, ship_country, status, total, currency, placed_at, version)
				values (?, ?, ?, ?, ?, 'London', 'SW1Y 4JH', 'GB', 'PENDING', ?, 'EUR', ?, 0)""")) {
			order.setObject(1, orderId);
			order.setString(2, "bench-" + random.nextInt(10_000));
			order.setString(3, "Benchmark Customer");
			order.setString(4, "bench@example.com");
			order.setString(5, "1 Benchmark Street");
			order.setBigDecimal(6, total);
			order.setTimestamp(7, now);
			order.executeUpdate();
		}
		try (PreparedStatement line = db.prepareStatement("""
				insert into order_line (order_id, line_no, sku, product_name, quantity, unit_price)
				values (?, ?, ?, ?, 1, ?)""")) {
			for (int i = 0; i < priced.size(); i++) {
				line.setObject(1, orderId);
				line.setInt(2, i + 1);
				line.setString(3, (String) priced.get(i)[0]);
				line.setString(4, (String) priced.get(i)[1]);
				line.setBigDecimal(5, (BigDecimal) priced.get(i)[2]);
				line.addBatch();
			}
			line.executeBatch();
		}
		try (PreparedStatement status = db.prepareStatement(
				"insert into order_status_change (order_id, status, changed_at) values (?, 'PENDING', ?)")) {
			status.setObject(1, orderId);
			status.setTimestamp(2, now);
			status.executeUpdate();
		}
		try (PreparedStatement outbox = db.prepareStatement("""
				insert into messaging.outbox (event_id, topic, record_key, event_type, source, subject, correlation_id,
				    occurred_at, payload)
				values (?, ?, ?, ?, '/order-service', ?, ?, ?, ?)""")) {
			String id = orderId.toString();
			outbox.setObject(1, UUID.randomUUID());
			outbox.setString(2, Topics.ORDERS);
			outbox.setString(3, id);
			outbox.setString(4, EventTypes.ORDER_PLACED_V1.name());
			outbox.setString(5, id);
			outbox.setString(6, id);
			outbox.setTimestamp(7, now);
			outbox.setBytes(8, payload);
			outbox.executeUpdate();
		}
		db.commit();
	}

	/**
	 * Plain JDBC order placements.
	 *
	 * @param concurrency connections, each running transactions back to back
	 * @param seconds how long
	 * @param perSecond committed transactions per second
	 * @param latency transaction latency
	 * @param failures connections that ended with an error
	 */
	public record Result(int concurrency, double seconds, double perSecond, Latencies.Summary latency, long failures) {
	}

}
