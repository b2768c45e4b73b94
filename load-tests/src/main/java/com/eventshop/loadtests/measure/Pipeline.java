package com.eventshop.loadtests.measure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.eventshop.events.EventTypes;

/**
 * Reads what happened to the orders of a time window from the services' own databases.
 * Every database lives on one PostgreSQL server, so every timestamp comes from one clock:
 * commit times when the server tracks them ({@code track_commit_timestamp}, which
 * {@code scripts/benchmark.sh} turns on), else the times rows were written
 * ({@code clock_timestamp()}); the outbox row's {@code published_at} is taken after
 * Kafka's acknowledgement. Times are microseconds since the epoch.
 */
public final class Pipeline {

	/** The databases whose inbox shows a consumer of {@code OrderPlaced}, by group. */
	public static final Map<String, String> CONSUMERS = consumers();

	private static final String PLACED = EventTypes.ORDER_PLACED_V1.name();

	private static final String CONFIRMED = EventTypes.ORDER_CONFIRMED_V1.name();

	private static final String MICROS = "(extract(epoch from %s) * 1000000)::bigint";

	private final Databases databases;

	public Pipeline(Databases databases) {
		this.databases = databases;
	}

	private static Map<String, String> consumers() {
		Map<String, String> consumers = new LinkedHashMap<>();
		consumers.put("inventory", "inventory");
		consumers.put("email", "email");
		consumers.put("shipping", "shipping");
		consumers.put("analytics", "analytics");
		return consumers;
	}

	/** The database server's clock now, in microseconds since the epoch. */
	public long now() throws SQLException {
		return this.databases.value("orders", "select " + MICROS.formatted("clock_timestamp()"), Long.class);
	}

	/**
	 * Whether the server records when each transaction committed
	 * ({@code track_commit_timestamp}); then the latencies run from commit to commit.
	 */
	public boolean commitTimes() throws SQLException {
		return this.databases.value("orders", "select current_setting('track_commit_timestamp') = 'on'", Boolean.class);
	}

	/**
	 * Latencies of the orders placed in {@code [from, to)}: outbox relay delay, from the
	 * order's commit to each consumer's commit of its effect, and to the order's
	 * confirmation.
	 * <p>
	 * With {@link #commitTimes() commit times}, a time is the commit of the transaction
	 * that wrote a row that is never updated afterwards: the order's first history entry
	 * ({@code PENDING}, written with the order), its {@code CONFIRMED} entry, and each
	 * consumer's inbox row (written with its effect). Without them, it is when the row
	 * was written, earlier than its commit by the rest of its transaction: for a consumer
	 * that handles events in batches, by the rest of the batch.
	 */
	public EndToEnd endToEnd(long from, long to) throws SQLException {
		boolean commits = commitTimes();
		Map<UUID, Long> placedAt = new HashMap<>();
		Map<String, Long> placedBySubject = new HashMap<>();
		Latencies relay = new Latencies();
		Latencies confirmed = new Latencies();
		try (Connection orders = this.databases.service("orders")) {
			String placed = commits
					? "(select " + MICROS.formatted("pg_xact_commit_timestamp(c.xmin)")
							+ " from order_status_change c where c.order_id = o.subject::uuid and c.status = 'PENDING')"
					: MICROS.formatted("o.created_at");
			try (PreparedStatement statement = orders
				.prepareStatement("select o.event_id, o.subject, " + placed + ", " + MICROS.formatted("o.published_at")
						+ " from messaging.outbox o where o.event_type = ? and o.created_at >= to_timestamp(? / 1e6)"
						+ " and o.created_at < to_timestamp(? / 1e6)")) {
				statement.setString(1, PLACED);
				statement.setLong(2, from);
				statement.setLong(3, to);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						long created = rows.getLong(3);
						placedAt.put(rows.getObject(1, UUID.class), created);
						placedBySubject.put(rows.getString(2), created);
						long published = rows.getLong(4);
						if (!rows.wasNull()) {
							relay.add(published - created);
						}
					}
				}
			}
			String confirmations = commits
					? "select order_id::text, " + MICROS.formatted("pg_xact_commit_timestamp(xmin)")
							+ " from order_status_change where status = 'CONFIRMED' and note is null"
							+ " and changed_at >= to_timestamp(? / 1e6)"
					: "select subject, " + MICROS.formatted("created_at")
							+ " from messaging.outbox where event_type = '" + CONFIRMED
							+ "' and created_at >= to_timestamp(? / 1e6)";
			try (PreparedStatement statement = orders.prepareStatement(confirmations)) {
				statement.setLong(1, from);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						Long placedTime = placedBySubject.get(rows.getString(1));
						if (placedTime != null) {
							confirmed.add(rows.getLong(2) - placedTime);
						}
					}
				}
			}
		}
		String handledAt = commits ? "pg_xact_commit_timestamp(xmin)" : "handled_at";
		Map<String, Latencies.Summary> consumers = new LinkedHashMap<>();
		Map<String, Integer> missing = new LinkedHashMap<>();
		for (Map.Entry<String, String> consumer : CONSUMERS.entrySet()) {
			Latencies handled = new Latencies();
			try (Connection db = this.databases.service(consumer.getValue());
					PreparedStatement statement = db.prepareStatement("select event_id, " + MICROS.formatted(handledAt)
							+ " from messaging.inbox where event_type = ? and handled_at >= to_timestamp(? / 1e6)")) {
				statement.setString(1, PLACED);
				statement.setLong(2, from);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						Long placedTime = placedAt.get(rows.getObject(1, UUID.class));
						if (placedTime != null) {
							handled.add(rows.getLong(2) - placedTime);
						}
					}
				}
			}
			consumers.put(consumer.getKey(), handled.summary());
			missing.put(consumer.getKey(), placedAt.size() - handled.count());
		}
		return new EndToEnd(placedAt.size(), relay.summary(), consumers, missing, confirmed.summary(), commits);
	}

	/**
	 * What the orders of a window went through.
	 *
	 * @param orders orders placed in the window
	 * @param relayDelay outbox insert to Kafka's acknowledgement
	 * @param consumers order commit to each consumer's effect, by consumer
	 * @param unhandled orders each consumer had not handled when this was read
	 * @param toConfirmed order commit to {@code CONFIRMED}
	 * @param commitTimes whether the times are commit times (else row write times)
	 */
	public record EndToEnd(int orders, Latencies.Summary relayDelay, Map<String, Latencies.Summary> consumers,
			Map<String, Integer> unhandled, Latencies.Summary toConfirmed, boolean commitTimes) {
	}

	/**
	 * Events each consumer handled in {@code [from, to)}: the average and the busiest
	 * second, in events per second.
	 */
	public Map<String, Throughput> throughput(long from, long to) throws SQLException {
		Map<String, String> all = new LinkedHashMap<>(CONSUMERS);
		all.put("order", "orders");
		Map<String, Throughput> result = new LinkedHashMap<>();
		for (Map.Entry<String, String> consumer : all.entrySet()) {
			try (Connection db = this.databases.service(consumer.getValue());
					PreparedStatement statement = db.prepareStatement("""
							select date_trunc('second', handled_at) as second, count(*) from messaging.inbox
							where handled_at >= to_timestamp(? / 1e6) and handled_at < to_timestamp(? / 1e6)
							group by 1""")) {
				statement.setLong(1, from);
				statement.setLong(2, to);
				List<Long> perSecond = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						perSecond.add(rows.getLong(2));
					}
				}
				result.put(consumer.getKey(), Throughput.of(perSecond, (to - from) / 1e6));
			}
		}
		return result;
	}

	/**
	 * Events handled per second.
	 *
	 * @param events events handled in the window
	 * @param average events per second over the window
	 * @param peak the busiest second
	 */
	public record Throughput(long events, double average, long peak) {

		static Throughput of(List<Long> perSecond, double seconds) {
			long events = perSecond.stream().mapToLong(Long::longValue).sum();
			long peak = perSecond.stream().mapToLong(Long::longValue).max().orElse(0);
			return new Throughput(events, (seconds > 0) ? events / seconds : 0, peak);
		}

	}

}
