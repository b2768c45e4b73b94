package com.eventshop.inventory.stock;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.inventory.InventoryReleased;
import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderShipped;
import com.eventshop.messaging.consumer.EventContext;
import com.eventshop.messaging.consumer.UnexpectedEvents;
import com.eventshop.messaging.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Settles a reservation once the order's fate is known: a cancelled order's units go back
 * to available ({@code RELEASED}, announced as {@code InventoryReleased}); a shipped
 * order's units leave the warehouse ({@code SHIPPED}). Only a {@code RESERVED}
 * reservation moves, so a second cancellation, or one of a rejected order, changes
 * nothing.
 * <p>
 * Runs in the consumer's transaction. The reservation row is locked first, so two
 * settlements of one order decide one after the other; then the stock rows, in SKU order
 * like {@link Reservations}, so settlements and reservations that share SKUs never
 * deadlock.
 */
@Service
class Settlements {

	/**
	 * The state of an order without a reservation, as the unexpected-event record names
	 * it.
	 */
	private static final String NONE = "NONE";

	private static final Logger logger = LoggerFactory.getLogger(Settlements.class);

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final UnexpectedEvents unexpected;

	private final Clock clock;

	Settlements(JdbcClient jdbc, Outbox outbox, UnexpectedEvents unexpected, Clock clock) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.unexpected = unexpected;
		this.clock = clock;
	}

	void release(OrderCancelled event, EventContext context) {
		UUID orderId = event.orderId();
		String status = lockReservation(orderId);
		switch (status) {
			case "RESERVED" -> {
				Instant now = Instant.now(this.clock);
				List<InventoryReleased.Line> lines = lockStockOf(orderId);
				this.jdbc.sql("""
						update stock set available = available + line.quantity, reserved = reserved - line.quantity,
						                 updated_at = ?
						from unnest(?::text[], ?::int[]) as line (sku, quantity)
						where stock.sku = line.sku""")
					.params(Timestamp.from(now), skus(lines), quantities(lines))
					.update();
				this.jdbc.sql("update reservation set status = 'RELEASED', released_at = ? where order_id = ?")
					.params(Timestamp.from(now), orderId)
					.update();
				this.outbox.append(new InventoryReleased(orderId, lines, now), context.eventId());
			}
			case NONE -> {
				// The placement was lost on the way (e.g. dead-lettered): remember
				// the cancellation, so a replayed placement reserves nothing. If the
				// replay commits first, this insert fails and the retry releases it.
				this.jdbc.sql("insert into reservation (order_id, status, created_at) values (?, 'CANCELLED', ?)")
					.params(orderId, Timestamp.from(Instant.now(this.clock)))
					.update();
				this.unexpected.record(context, orderId.toString(), status,
						"cancelled before its placement was handled; a late placement will reserve nothing");
			}
			case "SHIPPED" ->
				this.unexpected.record(context, orderId.toString(), status, "cancelled after its goods were shipped");
			default ->
				logger.debug("Order {} is {}; cancellation {} releases nothing", orderId, status, context.eventId());
		}
	}

	void ship(OrderShipped event, EventContext context) {
		UUID orderId = event.orderId();
		String status = lockReservation(orderId);
		switch (status) {
			case "RESERVED" -> {
				Instant now = Instant.now(this.clock);
				List<InventoryReleased.Line> lines = lockStockOf(orderId);
				this.jdbc.sql("""
						update stock set reserved = reserved - line.quantity, updated_at = ?
						from unnest(?::text[], ?::int[]) as line (sku, quantity)
						where stock.sku = line.sku""")
					.params(Timestamp.from(now), skus(lines), quantities(lines))
					.update();
				this.jdbc.sql("update reservation set status = 'SHIPPED', shipped_at = ? where order_id = ?")
					.params(Timestamp.from(now), orderId)
					.update();
			}
			case "SHIPPED" ->
				logger.debug("Order {} was already shipped; {} changes nothing", orderId, context.eventId());
			default -> this.unexpected.record(context, orderId.toString(), status, "shipped without reserved stock");
		}
	}

	/**
	 * The reservation's status, its row locked until the transaction ends.
	 * @return the status, or {@link #NONE} when the order has no reservation
	 */
	private String lockReservation(UUID orderId) {
		return this.jdbc.sql("select status from reservation where order_id = ? for update")
			.param(orderId)
			.query(String.class)
			.optional()
			.orElse(NONE);
	}

	/**
	 * Locks the stock rows of the order's lines until the transaction ends, in SKU order.
	 * @return the lines, by SKU
	 */
	private List<InventoryReleased.Line> lockStockOf(UUID orderId) {
		List<InventoryReleased.Line> lines = this.jdbc
			.sql("select sku, quantity from reservation_line where order_id = ? order by sku")
			.param(orderId)
			.query((rs, row) -> new InventoryReleased.Line(rs.getString("sku"), rs.getInt("quantity")))
			.list();
		this.jdbc.sql("select sku from stock where sku = any(?) order by sku for update")
			.param(skus(lines))
			.query(String.class)
			.list();
		return lines;
	}

	private static String[] skus(List<InventoryReleased.Line> lines) {
		return lines.stream().map(InventoryReleased.Line::sku).toArray(String[]::new);
	}

	private static Integer[] quantities(List<InventoryReleased.Line> lines) {
		return lines.stream().map(InventoryReleased.Line::quantity).toArray(Integer[]::new);
	}

}
