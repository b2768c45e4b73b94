package com.eventshop.loadtests.measure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
		Tally tally = new Tally(from, to);
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
						tally.status(rows.getObject(1, UUID.class), rows.getString(2), rows.getLong(3));
					}
				}
			}
			try (PreparedStatement statement = orders.prepareStatement(
					"select event_id, subject, event_type from messaging.outbox where topic = ? and created_at >= to_timestamp(? / 1e6)")) {
				statement.setString(1, Topics.ORDERS);
				statement.setLong(2, from);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						tally.orderEvent(rows.getObject(1, UUID.class), UUID.fromString(rows.getString(2)),
								rows.getString(3));
					}
				}
			}
		}
		String handledTime = commitTimes ? "pg_xact_commit_timestamp(xmin)" : "handled_at";
		for (String group : Tally.GROUPS.keySet()) {
			try (Connection db = this.databases.service(group);
					PreparedStatement statement = db
						.prepareStatement("select event_id, " + MICROS.formatted(handledTime)
								+ " from messaging.inbox where consumer = ? and handled_at >= to_timestamp(? / 1e6)")) {
				statement.setString(1, group);
				statement.setLong(2, from);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						tally.handled(group, rows.getObject(1, UUID.class), rows.getLong(2));
					}
				}
			}
		}
		try (Connection email = this.databases.service("email");
				PreparedStatement statement = email
					.prepareStatement("select order_id, status, " + MICROS.formatted("sent_at")
							+ " from notification where created_at >= to_timestamp(? / 1e6)")) {
			statement.setLong(1, from);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					tally.email(rows.getObject(1, UUID.class), rows.getString(2), rows.getLong(3));
				}
			}
		}
		return tally.window();
	}

	/**
	 * Puts together what the databases say about a window's orders. Rows come in any
	 * order and may name orders of other windows, which it leaves out; statuses must come
	 * before the events, handlings and e-mails of their orders.
	 */
	static final class Tally {

		/**
		 * The consumer groups other than the order service's own saga, with the
		 * order-service event types each handles; the saga's work shows in the order's
		 * status.
		 */
		static final Map<String, Set<String>> GROUPS = groups();

		private final long from;

		private final long to;

		private final Map<UUID, Long> placed = new HashMap<>();

		private final Map<UUID, Long> done = new HashMap<>();

		private final Map<UUID, UUID> orderOfEvent = new HashMap<>();

		private final Map<UUID, String> typeOfEvent = new HashMap<>();

		private final Map<String, Set<UUID>> handled = new HashMap<>();

		private final Set<UUID> failedEmail = new HashSet<>();

		Tally(long from, long to) {
			this.from = from;
			this.to = to;
		}

		private static Map<String, Set<String>> groups() {
			Map<String, Set<String>> groups = new LinkedHashMap<>();
			for (ConsumerGroups.ConsumerGroup group : ConsumerGroups.all()) {
				if (!group.name().equals("order")) {
					groups.put(group.name(),
							Set.copyOf(group.types(Topics.ORDERS).stream().map(EventType::name).toList()));
				}
			}
			return Map.copyOf(groups);
		}

		void status(UUID order, String status, long at) {
			if (status.equals("PENDING")) {
				this.placed.put(order, at);
			}
			else if (TERMINAL.contains(status)) {
				this.done.merge(order, at, Math::max);
			}
		}

		void orderEvent(UUID event, UUID order, String type) {
			this.orderOfEvent.put(event, order);
			this.typeOfEvent.put(event, type);
		}

		void handled(String group, UUID event, long at) {
			UUID order = this.orderOfEvent.get(event);
			if (order != null && this.placed.containsKey(order)) {
				this.handled.computeIfAbsent(group, (g) -> new HashSet<>()).add(event);
				this.done.merge(order, at, Math::max);
			}
		}

		void email(UUID order, String status, long sentAt) {
			if (!this.placed.containsKey(order)) {
				return;
			}
			if (status.equals("SENT")) {
				this.done.merge(order, sentAt, Math::max);
			}
			else {
				this.failedEmail.add(order);
			}
		}

		Window window() {
			Set<UUID> incomplete = new HashSet<>(this.failedEmail);
			this.placed.keySet().stream().filter((order) -> !this.done.containsKey(order)).forEach(incomplete::add);
			// a terminal status alone is not enough: every group must have handled its
			// events
			GROUPS.forEach((group, types) -> {
				Set<UUID> seen = this.handled.getOrDefault(group, Set.of());
				this.orderOfEvent.forEach((event, order) -> {
					if (this.placed.containsKey(order) && types.contains(this.typeOfEvent.get(event))
							&& !seen.contains(event)) {
						incomplete.add(order);
					}
				});
			});
			Map<UUID, Long> completed = new HashMap<>();
			this.placed.forEach((order, at) -> {
				if (!incomplete.contains(order)) {
					completed.put(order, this.done.get(order));
				}
			});
			return new Window(this.from, this.to, Map.copyOf(this.placed), completed);
		}

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
