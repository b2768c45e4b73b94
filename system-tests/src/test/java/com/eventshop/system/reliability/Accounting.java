package com.eventshop.system.reliability;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Every accepted order as each service's own database and the customers' mailbox hold it,
 * read now: the state {@link Invariants} judges.
 *
 * @param trails each accepted order across services
 * @param mailRead whether the mailbox was read (only once every order is decided in every
 * database: it is read whole)
 */
record Accounting(List<OrderTrail> trails, boolean mailRead) {

	/** Reads the accepted orders' state in every service and, once settled, the mail. */
	static Accounting of(FaultStack stack, Collection<UUID> accepted, String mailbox)
			throws SQLException, IOException, InterruptedException {
		Map<UUID, String> statuses = new HashMap<>();
		Map<UUID, Map<String, Integer>> units = new HashMap<>();
		Map<UUID, String> reservations = new HashMap<>();
		Map<UUID, String> shipments = new HashMap<>();
		Map<UUID, Set<String>> outcomes = new HashMap<>();
		try (Connection orders = stack.connect(stack.database("orders"))) {
			query(orders, "select id, status from customer_order where id = any(?)", accepted,
					(row) -> statuses.put(row.getObject(1, UUID.class), row.getString(2)));
			query(orders, "select order_id, sku, quantity from order_line where order_id = any(?)", accepted,
					(row) -> units.computeIfAbsent(row.getObject(1, UUID.class), (id) -> new TreeMap<>())
						.merge(row.getString(2), row.getInt(3), Integer::sum));
		}
		try (Connection inventory = stack.connect(stack.database("inventory"))) {
			query(inventory, "select order_id, status from reservation where order_id = any(?)", accepted,
					(row) -> reservations.put(row.getObject(1, UUID.class), row.getString(2)));
		}
		try (Connection shipping = stack.connect(stack.database("shipping"))) {
			query(shipping, "select order_id, status from shipment where order_id = any(?)", accepted,
					(row) -> shipments.put(row.getObject(1, UUID.class), row.getString(2)));
		}
		try (Connection analytics = stack.connect(stack.database("analytics"))) {
			query(analytics, "select f.order_id, o.confirmed_at is not null, o.rejected_at is not null,"
					+ " o.shipped_at is not null, o.cancelled_at is not null"
					+ " from order_fact f left join order_outcome o on o.order_id = f.order_id where f.order_id = any(?)",
					accepted, (row) -> {
						Set<String> set = new HashSet<>();
						List<String> names = List.of("CONFIRMED", "REJECTED", "SHIPPED", "CANCELLED");
						for (int i = 0; i < names.size(); i++) {
							if (row.getBoolean(i + 2)) {
								set.add(names.get(i));
							}
						}
						outcomes.put(row.getObject(1, UUID.class), set);
					});
		}
		List<OrderTrail> trails = new ArrayList<>();
		for (UUID order : accepted) {
			trails.add(new OrderTrail(order, statuses.get(order), reservations.get(order), shipments.get(order),
					outcomes.get(order), Map.of(), units.getOrDefault(order, Map.of())));
		}
		boolean recorded = trails.stream().allMatch(Invariants::consumersCaughtUp);
		if (!recorded) {
			return new Accounting(trails, false);
		}
		Map<UUID, Map<String, Integer>> mail = Mailbox.byKind(stack, mailbox);
		List<OrderTrail> withMail = trails.stream()
			.map((trail) -> new OrderTrail(trail.orderId(), trail.status(), trail.reservation(), trail.shipment(),
					trail.outcomes(), mail.getOrDefault(trail.orderId(), Map.of()), trail.units()))
			.toList();
		return new Accounting(withMail, true);
	}

	/** Stock per SKU, now, in one statement (so one consistent read). */
	static Map<String, StockLevel> stock(FaultStack stack) throws SQLException {
		Map<String, StockLevel> levels = new TreeMap<>();
		try (Connection inventory = stack.connect(stack.database("inventory"))) {
			query(inventory, "select sku, available, reserved, shipped from stock", List.of(),
					(row) -> levels.put(row.getString(1),
							new StockLevel(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4))));
		}
		return levels;
	}

	/**
	 * Every order decided in every service and every e-mail it is owed in the mailbox
	 * (what is owed is {@link Invariants}'s table): nothing left to wait for.
	 */
	boolean settled() {
		return this.mailRead && this.trails.stream().allMatch(Invariants::owedMailArrived);
	}

	int accepted() {
		return this.trails.size();
	}

	/** Accepted orders order-service does not know (a 201 it forgot). */
	int lost() {
		return count((trail) -> trail.status() == null);
	}

	/** Accepted orders order-service has not decided yet. */
	int pending() {
		return count((trail) -> trail.status() != null && !trail.isFinal());
	}

	/** Accepted orders some service (or the mailbox) holds nothing for. */
	int missing() {
		return count((trail) -> trail.status() == null || trail.reservation() == null || trail.shipment() == null
				|| trail.outcomes() == null || (this.mailRead && trail.mails("ORDER_RECEIVED") == 0));
	}

	/** Accepted orders with an e-mail of some kind in the mailbox more than once. */
	int duplicated() {
		return count((trail) -> trail.mails().values().stream().anyMatch((count) -> count > 1));
	}

	/** Units per SKU of the orders that ended SHIPPED. */
	Map<String, Integer> shippedUnits() {
		Map<String, Integer> units = new TreeMap<>();
		this.trails.stream()
			.filter((trail) -> "SHIPPED".equals(trail.status()))
			.forEach((trail) -> trail.units().forEach((sku, quantity) -> units.merge(sku, quantity, Integer::sum)));
		return units;
	}

	/** Orders by final status, for the report. */
	Map<String, Integer> statuses() {
		Map<String, Integer> counts = new TreeMap<>();
		this.trails.forEach((trail) -> counts.merge(String.valueOf(trail.status()), 1, Integer::sum));
		return counts;
	}

	/** Per service: orders it holds a row for, and orders it holds none for. */
	List<Consumer> consumers() {
		List<Consumer> consumers = new ArrayList<>();
		consumers.add(Consumer.of("inventory (reservation)", this.trails, (trail) -> trail.reservation() != null));
		consumers.add(Consumer.of("shipping (shipment)", this.trails, (trail) -> trail.shipment() != null));
		consumers.add(Consumer.of("analytics (order fact)", this.trails, (trail) -> trail.outcomes() != null));
		consumers.add(Consumer.of("mailbox (order received)", this.trails,
				(trail) -> this.mailRead && trail.mails("ORDER_RECEIVED") > 0));
		return consumers;
	}

	private int count(Predicate<OrderTrail> test) {
		return (int) this.trails.stream().filter(test).count();
	}

	private static void query(Connection connection, String sql, Collection<UUID> ids, RowHandler handler)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			if (sql.contains("?")) {
				Array array = connection.createArrayOf("uuid", ids.toArray());
				statement.setArray(1, array);
			}
			try (ResultSet row = statement.executeQuery()) {
				while (row.next()) {
					handler.handle(row);
				}
			}
		}
	}

	/**
	 * One service's count.
	 *
	 * @param name the service and what it holds per order
	 * @param handled accepted orders it holds a row for
	 * @param missing accepted orders it holds nothing for
	 */
	record Consumer(String name, int handled, int missing) {

		static Consumer of(String name, Collection<OrderTrail> trails, Predicate<OrderTrail> holds) {
			int handled = (int) trails.stream().filter(holds).count();
			return new Consumer(name, handled, trails.size() - handled);
		}

	}

	@FunctionalInterface
	private interface RowHandler {

		void handle(ResultSet row) throws SQLException;

	}

}
