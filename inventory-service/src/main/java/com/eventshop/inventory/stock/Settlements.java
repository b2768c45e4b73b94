package com.eventshop.inventory.stock;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import com.eventshop.events.inventory.InventoryReleased;
import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderShipped;
import com.eventshop.messaging.consumer.EventContext;
import com.eventshop.messaging.consumer.UnexpectedEvents;
import com.eventshop.messaging.outbox.Outbox;
import com.eventshop.inventory.stock.ReservationStateMachine.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Settles a reservation once the order's fate is known, as
 * {@link ReservationStateMachine} decides: a cancelled order's units go back to available
 * ({@code RELEASED}, announced as {@code InventoryReleased}); a shipped order's units
 * leave the warehouse ({@code SHIPPED}).
 * <p>
 * Runs in the consumer's transaction. The reservation row is locked first, so two
 * settlements of one order decide one after the other; then the stock rows, in SKU order
 * like {@link Reservations}, so settlements and reservations that share SKUs never
 * deadlock.
 */
@Service
class Settlements {

	private static final Logger logger = LoggerFactory.getLogger(Settlements.class);

	/**
	 * A cancelled order's units go back to available; parameters: the time, the SKUs and
	 * quantities, the state, the time again and the order.
	 */
	private static final String RELEASE = """
			with moved as (
			    update stock set available = available + line.quantity, reserved = reserved - line.quantity,
			                     updated_at = ?
			    from unnest(?::text[], ?::int[]) as line (sku, quantity)
			    where stock.sku = line.sku)
			update reservation set status = ?, released_at = ? where order_id = ?""";

	/** A shipped order's units leave the warehouse; parameters as {@link #RELEASE}. */
	private static final String SHIP = """
			with moved as (
			    update stock set reserved = reserved - line.quantity, shipped = shipped + line.quantity,
			                     updated_at = ?
			    from unnest(?::text[], ?::int[]) as line (sku, quantity)
			    where stock.sku = line.sku)
			update reservation set status = ?, shipped_at = ? where order_id = ?""";

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
		apply(event.orderId(), context, ReservationStateMachine::cancelled);
	}

	void ship(OrderShipped event, EventContext context) {
		apply(event.orderId(), context, ReservationStateMachine::shipped);
	}

	/**
	 * Locks the reservation, asks the state machine and carries out its answer.
	 */
	private void apply(UUID orderId, EventContext context, Function<ReservationState, Outcome> transition) {
		ReservationState state = lockReservation(orderId);
		Instant now = Instant.now(this.clock);
		switch (transition.apply(state)) {
			case Outcome.Release() -> {
				List<InventoryReleased.Line> lines = lockStockOf(orderId);
				settle(RELEASE, lines, ReservationState.RELEASED, now, orderId);
				this.outbox.append(new InventoryReleased(orderId, lines, now), context.eventId());
			}
			case Outcome.Ship() -> settle(SHIP, lockStockOf(orderId), ReservationState.SHIPPED, now, orderId);
			case Outcome.RememberCancellation(var why) -> {
				// If a replayed placement commits first, this insert fails and the retry
				// releases what it reserved.
				this.jdbc.sql("insert into reservation (order_id, status, created_at) values (?, ?, ?)")
					.params(orderId, ReservationState.CANCELLED.name(), Timestamp.from(now))
					.update();
				this.unexpected.record(context, orderId.toString(), state.name(), why);
			}
			case Outcome.NoOp(var why) -> logger.debug("Reservation of order {} is {}; {} {} changes nothing: {}",
					orderId, state, context.type(), context.eventId(), why);
			case Outcome.Unexpected(var why) -> this.unexpected.record(context, orderId.toString(), state.name(), why);
		}
	}

	/**
	 * The reservation's state, its row locked until the transaction ends.
	 * @return the state, {@link ReservationState#NONE} when the order has no reservation
	 */
	private ReservationState lockReservation(UUID orderId) {
		return this.jdbc.sql("select status from reservation where order_id = ? for update")
			.param(orderId)
			.query(String.class)
			.optional()
			.map(ReservationState::stored)
			.orElse(ReservationState.NONE);
	}

	/**
	 * Moves the units of the lines and records the reservation's new state, in one
	 * statement ({@link #RELEASE} or {@link #SHIP}).
	 */
	private void settle(String statement, List<InventoryReleased.Line> lines, ReservationState state, Instant now,
			UUID orderId) {
		this.jdbc.sql(statement)
			.params(Timestamp.from(now), skus(lines), quantities(lines), state.name(), Timestamp.from(now), orderId)
			.update();
	}

	/**
	 * Reads the order's lines and locks their stock rows until the transaction ends, in
	 * SKU order (the rows are locked after they are sorted), in one statement. A reserved
	 * order has a stock row for every line: it could not have been reserved without one,
	 * and stock rows are never deleted.
	 * @return the lines, by SKU
	 */
	private List<InventoryReleased.Line> lockStockOf(UUID orderId) {
		return this.jdbc.sql("""
				select line.sku, line.quantity
				from reservation_line line join stock on stock.sku = line.sku
				where line.order_id = ?
				order by line.sku
				for update of stock""")
			.param(orderId)
			.query((rs, row) -> new InventoryReleased.Line(rs.getString("sku"), rs.getInt("quantity")))
			.list();
	}

	private static String[] skus(List<InventoryReleased.Line> lines) {
		return lines.stream().map(InventoryReleased.Line::sku).toArray(String[]::new);
	}

	private static Integer[] quantities(List<InventoryReleased.Line> lines) {
		return lines.stream().map(InventoryReleased.Line::quantity).toArray(Integer[]::new);
	}

}
