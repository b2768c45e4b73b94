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
 * the outbox row's {@code created_at} (written in the transaction that placed the order,
 * with {@code clock_timestamp()}), its {@code published_at} (after Kafka's
 * acknowledgement), and each consumer's inbox row's {@code handled_at} (written in the
 * transaction of the consumer's effect). Times are microseconds since the epoch.
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
		try (Connection orders = this.databases.service("orders");
				PreparedStatement statement = orders
					.prepareStatement("select " + MICROS.formatted("clock_timestamp()"));
				ResultSet row = statement.executeQuery()) {
			row.next();
			return row.getLong(1);
		}
	}

	/**
	 * Latencies of the orders placed in {@code [from, to)}: outbox relay delay, from the
	 * order's commit to each consumer's commit of its effect, and to the order's
	 * confirmation ({@code OrderConfirmed} is appended in the transaction that sets
	 * {@code CONFIRMED}).
	 */
	public EndToEnd endToEnd(long from, long to) throws SQLException {
		Map<UUID, Long> placedAt = new HashMap<>();
		Map<String, Long> placedBySubject = new HashMap<>();
		Latencies relay = new Latencies();
		Latencies confirmed = new Latencies();
		try (Connection orders = this.databases.service("orders")) {
			try (PreparedStatement statement = orders.prepareStatement("select event_id, subject, "
					+ MICROS.formatted("created_at") + ", " + MICROS.formatted("published_at")
					+ " from messaging.outbox where event_type = ? and created_at >= to_timestamp(? / 1e6)"
					+ " and created_at < to_timestamp(? / 1e6)")) {
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
			try (PreparedStatement statement = orders
				.prepareStatement("select subject, " + MICROS.formatted("created_at")
						+ " from messaging.outbox where event_type = ? and created_at >= to_timestamp(? / 1e6)")) {
				statement.setString(1, CONFIRMED);
				statement.setLong(2, from);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						Long placed = placedBySubject.get(rows.getString(1));
						if (placed != null) {
							confirmed.add(rows.getLong(2) - placed);
						}
					}
				}
			}
		}
		Map<String, Latencies.Summary> consumers = new LinkedHashMap<>();
		Map<String, Integer> missing = new LinkedHashMap<>();
		for (Map.Entry<String, String> consumer : CONSUMERS.entrySet()) {
			Latencies handled = new Latencies();
			try (Connection db = this.databases.service(consumer.getValue());
					PreparedStatement statement = db.prepareStatement("select event_id, "
							+ MICROS.formatted("handled_at")
							+ " from messaging.inbox where event_type = ? and handled_at >= to_timestamp(? / 1e6)")) {
				statement.setString(1, PLACED);
				statement.setLong(2, from);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						Long placed = placedAt.get(rows.getObject(1, UUID.class));
						if (placed != null) {
							handled.add(rows.getLong(2) - placed);
						}
					}
				}
			}
			consumers.put(consumer.getKey(), handled.summary());
			missing.put(consumer.getKey(), placedAt.size() - handled.count());
		}
		return new EndToEnd(placedAt.size(), relay.summary(), consumers, missing, confirmed.summary());
	}

	/**
	 * What the orders of a window went through.
	 *
	 * @param orders orders placed in the window
	 * @param relayDelay outbox insert to Kafka's acknowledgement
	 * @param consumers order commit to each consumer's effect, by consumer
	 * @param unhandled orders each consumer had not handled when this was read
	 * @param toConfirmed order commit to {@code CONFIRMED}
	 */
	public record EndToEnd(int orders, Latencies.Summary relayDelay, Map<String, Latencies.Summary> consumers,
			Map<String, Integer> unhandled, Latencies.Summary toConfirmed) {
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
