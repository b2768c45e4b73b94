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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * Every accepted order accounted for, from each service's own database: each consumer
 * must hold exactly one lasting effect for it, and exactly one inbox row for its
 * OrderPlaced event; order-service must have kept the order and moved it on from PENDING;
 * and the customer's mailbox must hold exactly one "order received" e-mail for it.
 *
 * @param accepted orders that were answered 201
 * @param lost accepted orders order-service does not know (a 201 it forgot)
 * @param pending accepted orders still PENDING
 * @param consumers the count of each consumer
 */
record Accounting(int accepted, int lost, int pending, List<Consumer> consumers) {

	/**
	 * Each consumer: the database it keeps, and how its effect for one order is counted.
	 */
	private static final List<Effect> EFFECTS = List.of(
			new Effect("inventory", "inventory", "select order_id, count(*) from reservation group by order_id"),
			new Effect("shipping", "shipping", "select order_id, count(*) from shipment group by order_id"),
			new Effect("analytics", "analytics", "select order_id, count(*) from order_fact group by order_id"),
			new Effect("email", "email",
					"select order_id, count(*) from notification where kind = 'ORDER_RECEIVED' group by order_id"));

	/**
	 * Counts, now, what each database holds for the accepted orders and, once the
	 * databases account for all of them, which "order received" e-mails reached
	 * {@code mailbox}.
	 */
	static Accounting of(FaultStack stack, Collection<UUID> accepted, String mailbox)
			throws SQLException, IOException, InterruptedException {
		Map<UUID, String> statuses = new HashMap<>();
		Map<UUID, UUID> placedEvents = new HashMap<>();
		try (Connection orders = stack.connect(stack.database("orders"))) {
			query(orders, "select id, status from customer_order where id = any(?)", accepted,
					(row) -> statuses.put(row.getObject(1, UUID.class), row.getString(2)));
			query(orders,
					"select record_key::uuid, event_id from messaging.outbox"
							+ " where event_type = 'shop.order.placed.v1' and record_key::uuid = any(?)",
					accepted, (row) -> placedEvents.put(row.getObject(1, UUID.class), row.getObject(2, UUID.class)));
		}
		int lost = (int) accepted.stream().filter((id) -> !statuses.containsKey(id)).count();
		int pending = (int) accepted.stream().filter((id) -> "PENDING".equals(statuses.get(id))).count();
		List<Consumer> consumers = new ArrayList<>();
		for (Effect effect : EFFECTS) {
			consumers.add(effect.count(stack, accepted, placedEvents));
		}
		boolean recorded = lost == 0 && pending == 0 && consumers.stream().allMatch((c) -> c.missing() == 0);
		// The mailbox is read whole: only worth it
		// once every e-mail was at least recorded.
		Map<UUID, Integer> mail = recorded ? Mailbox.received(stack, mailbox) : Map.of();
		consumers.add(Consumer.of("email (mailbox)", accepted, (order) -> mail.getOrDefault(order, 0)));
		return new Accounting(accepted.size(), lost, pending, consumers);
	}

	/** Nothing missing anywhere, nothing left pending. */
	boolean settled() {
		return this.lost == 0 && this.pending == 0 && this.consumers.stream().allMatch((c) -> c.missing() == 0);
	}

	int missing() {
		return this.lost + this.consumers.stream().mapToInt(Consumer::missing).sum();
	}

	int duplicated() {
		return this.consumers.stream().mapToInt(Consumer::duplicated).sum();
	}

	private static void query(Connection connection, String sql, Collection<UUID> ids, RowHandler handler)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			Array array = connection.createArrayOf("uuid", ids.toArray());
			if (sql.contains("?")) {
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
	 * One consumer's count.
	 *
	 * @param name the consumer group
	 * @param handled accepted orders with exactly one effect and one inbox row
	 * @param missing accepted orders without the effect or without the inbox row
	 * @param duplicated accepted orders with more than one effect or inbox row
	 */
	record Consumer(String name, int handled, int missing, int duplicated) {

		/** Counts each order once, by how many times {@code effects} finds it applied. */
		static Consumer of(String name, Collection<UUID> accepted, ToIntFunction<UUID> effects) {
			int handled = 0;
			int missing = 0;
			int duplicated = 0;
			for (UUID order : accepted) {
				int effect = effects.applyAsInt(order);
				if (effect > 1) {
					duplicated++;
				}
				else if (effect == 0) {
					missing++;
				}
				else {
					handled++;
				}
			}
			return new Consumer(name, handled, missing, duplicated);
		}

	}

	private record Effect(String consumer, String database, String sql) {

		Consumer count(FaultStack stack, Collection<UUID> accepted, Map<UUID, UUID> placedEvents) throws SQLException {
			Map<UUID, Integer> effects = new HashMap<>();
			Map<UUID, Integer> inbox = new HashMap<>();
			try (Connection connection = stack.connect(stack.database(this.database))) {
				query(connection, this.sql, List.of(),
						(row) -> effects.put(row.getObject(1, UUID.class), row.getInt(2)));
				query(connection,
						"select event_id, count(*) from messaging.inbox where consumer = '" + this.consumer
								+ "' and event_id = any(?) group by event_id",
						placedEvents.values(), (row) -> inbox.put(row.getObject(1, UUID.class), row.getInt(2)));
			}
			// One effect and one inbox row count as 1;
			// either missing as 0; either twice as 2.
			return Consumer.of(this.consumer, accepted, (order) -> {
				int effect = effects.getOrDefault(order, 0);
				UUID event = placedEvents.get(order);
				int inboxRows = (event != null) ? inbox.getOrDefault(event, 0) : 0;
				return (effect > 1 || inboxRows > 1) ? 2 : Math.min(effect, inboxRows);
			});
		}

	}

	@FunctionalInterface
	private interface RowHandler {

		void handle(ResultSet row) throws SQLException;

	}

}
