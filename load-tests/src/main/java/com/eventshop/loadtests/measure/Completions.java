package com.eventshop.loadtests.measure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.eventshop.events.ConsumerGroups;
import com.eventshop.events.EventType;
import com.eventshop.events.Topics;

/**
 * Which orders of a time window were <em>completed</em>, and when: an order is complete
 * once it reached a terminal state in the order service ({@code SHIPPED},
 * {@code REJECTED} or {@code CANCELLED}), every consumer group has committed its handling
 * of every event of that order it subscribes to (by {@link ConsumerGroups}), and every
 * e-mail written for it was handed to the SMTP server. Its completion time is the latest
 * of those commits. Accepting an order is the start of the work; this is its end, and the
 * benchmark's throughput counts these.
 */
public final class Completions {

	private static final Set<String> TERMINAL = Set.of("SHIPPED", "REJECTED", "CANCELLED");

	private static final String MICROS = "(extract(epoch from %s) * 1000000)::bigint";

	private final Databases databases;

	public Completions(Databases databases) {
		this.databases = databases;
	}

	/**
	 * The orders placed in {@code [from, to)} (microseconds on the database clock) and
	 * when each was completed, as far as the databases show now.
	 */
	public Window read(long from, long to, boolean commitTimes) throws SQLException {
		Map<UUID, Long> placed = new HashMap<>();
		Map<UUID, Long> done = new HashMap<>();
		Set<UUID> incomplete = new HashSet<>();
		// the order service's events of each order: event id -> (order, type)
		Map<UUID, UUID> orderOfEvent = new HashMap<>();
		Map<UUID, String> typeOfEvent = new HashMap<>();
		String statusTime = commitTimes ? "pg_xact_commit_timestamp(c.xmin)" : "c.changed_at";
		try (Connection orders = this.databases.service("orders")) {
			try (PreparedStatement statement = orders.prepareStatement("select c.order_id, c.status, "
					+ MICROS.formatted(statusTime) + " from order_status_change c where c.order_id in"
					+ " (select order_id from order_status_change where status = 'PENDING'"
					+ " and changed_at >= to_timestamp(? / 1e6) and changed_at < to_timestamp(? / 1e6))")) {
				statement.setLong(1, from);
				statement.setLong(2, to);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						UUID order = rows.getObject(1, UUID.class);
						String status = rows.getString(2);
						long at = rows.getLong(3);
						if (status.equals("PENDING")) {
							placed.put(order, at);
						}
						else if (TERMINAL.contains(status)) {
							done.merge(order, at, Math::max);
						}
					}
				}
			}
			try (PreparedStatement statement = orders.prepareStatement(
					"select event_id, subject, event_type from messaging.outbox where topic = ? and created_at >= to_timestamp(? / 1e6)")) {
				statement.setString(1, Topics.ORDERS);
				statement.setLong(2, from);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						UUID order = UUID.fromString(rows.getString(2));
						if (placed.containsKey(order)) {
							UUID event = rows.getObject(1, UUID.class);
							orderOfEvent.put(event, order);
							typeOfEvent.put(event, rows.getString(3));
						}
					}
				}
			}
		}
		for (UUID order : placed.keySet()) {
			if (!done.containsKey(order)) {
				incomplete.add(order);
			}
		}
		String handledTime = commitTimes ? "pg_xact_commit_timestamp(xmin)" : "handled_at";
		for (ConsumerGroups.ConsumerGroup group : ConsumerGroups.all()) {
			if (group.name().equals("order")) {
				continue;
			}
			Set<String> types = new HashSet<>(group.types(Topics.ORDERS).stream().map(EventType::name).toList());
			Set<UUID> expected = new HashSet<>();
			orderOfEvent.forEach((event, order) -> {
				if (types.contains(typeOfEvent.get(event))) {
					expected.add(event);
				}
			});
			try (Connection db = this.databases.service(group.name());
					PreparedStatement statement = db
						.prepareStatement("select event_id, " + MICROS.formatted(handledTime)
								+ " from messaging.inbox where consumer = ? and handled_at >= to_timestamp(? / 1e6)")) {
				statement.setString(1, group.name());
				statement.setLong(2, from);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						UUID event = rows.getObject(1, UUID.class);
						if (expected.remove(event)) {
							done.merge(orderOfEvent.get(event), rows.getLong(2), Math::max);
						}
					}
				}
			}
			for (UUID event : expected) {
				incomplete.add(orderOfEvent.get(event));
			}
		}
		try (Connection email = this.databases.service("email");
				PreparedStatement statement = email
					.prepareStatement("select order_id, status, " + MICROS.formatted("sent_at")
							+ " from notification where created_at >= to_timestamp(? / 1e6)")) {
			statement.setLong(1, from);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					UUID order = rows.getObject(1, UUID.class);
					if (!placed.containsKey(order)) {
						continue;
					}
					if (rows.getString(2).equals("SENT")) {
						done.merge(order, rows.getLong(3), Math::max);
					}
					else {
						incomplete.add(order);
					}
				}
			}
		}
		Map<UUID, Long> completed = new HashMap<>();
		placed.forEach((order, at) -> {
			if (!incomplete.contains(order)) {
				completed.put(order, done.get(order));
			}
		});
		return new Window(from, to, placed, completed);
	}

	/**
	 * The orders of a window.
	 *
	 * @param from start of the window, microseconds since the epoch
	 * @param to its end
	 * @param placed when each order placed in it was committed
	 * @param completed when each completed order was completed
	 */
	public record Window(long from, long to, Map<UUID, Long> placed, Map<UUID, Long> completed) {

		/**
		 * Orders completed per second in the window's steady part: completions between
		 * {@code rampUp} seconds after its start and its end, over that time. The ramp-up
		 * leaves out the first seconds, in which the first orders are still on their way.
		 */
		public double completedPerSecond(double rampUp) {
			long start = this.from + (long) (rampUp * 1e6);
			if (this.to <= start) {
				return 0;
			}
			long inside = this.completed.values().stream().filter((at) -> at >= start && at < this.to).count();
			return inside / ((this.to - start) / 1e6);
		}

		/** From each completed order's commit to its completion. */
		public Latencies.Summary toCompleted() {
			Latencies latencies = new Latencies();
			this.completed.forEach((order, at) -> latencies.add(at - this.placed.get(order)));
			return latencies.summary();
		}

		public Summary summary(double rampUp) {
			return new Summary(this.placed.size(), this.completed.size(), completedPerSecond(rampUp), toCompleted());
		}

	}

	/**
	 * What a window's orders came to.
	 *
	 * @param placed orders placed (committed) in the window
	 * @param completed of them, completed when read
	 * @param completedPerSecond completions per second in the window's steady part
	 * @param toCompleted latency from the order's commit to its completion
	 */
	public record Summary(int placed, int completed, double completedPerSecond, Latencies.Summary toCompleted) {

		public int incomplete() {
			return this.placed - this.completed;
		}

	}

}
