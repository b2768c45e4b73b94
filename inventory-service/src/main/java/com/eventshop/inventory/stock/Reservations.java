package com.eventshop.inventory.stock;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import com.eventshop.events.inventory.InventoryRejected;
import com.eventshop.events.inventory.InventoryReserved;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.messaging.consumer.EventContext;
import com.eventshop.messaging.consumer.PoisonEventException;
import com.eventshop.messaging.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reserves the stock of a placed order: every line, or none. Runs in the consumer's
 * transaction, so the stock change, the reservation, the outgoing event and the inbox row
 * commit together or not at all.
 * <p>
 * Overselling is prevented by locking the order's stock rows ({@code select ... for
 * update}) before deciding: concurrent orders for one SKU, in this instance or another,
 * decide one after the other on the committed numbers. Rows are locked in SKU order, so
 * two orders that share SKUs can never deadlock.
 */
@Service
class Reservations {

	private static final Logger logger = LoggerFactory.getLogger(Reservations.class);

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final Clock clock;

	Reservations(JdbcClient jdbc, Outbox outbox, Clock clock) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.clock = clock;
	}

	void reserve(OrderPlaced order, EventContext context) {
		SortedMap<String, Integer> requested = requested(order);
		Map<String, Integer> available = lockStock(requested);
		List<InventoryRejected.ShortLine> shortLines = requested.entrySet()
			.stream()
			.filter((line) -> available.getOrDefault(line.getKey(), 0) < line.getValue())
			.map((line) -> new InventoryRejected.ShortLine(line.getKey(), line.getValue(),
					available.getOrDefault(line.getKey(), 0)))
			.toList();
		Instant now = Instant.now(this.clock);
		ReservationState state = shortLines.isEmpty() ? ReservationState.RESERVED : ReservationState.REJECTED;
		if (!recordReservation(order.orderId(), state, requested, now)) {
			logger.info("Order {} was already decided; {} changes nothing", order.orderId(), context.eventId());
			return;
		}
		if (shortLines.isEmpty()) {
			List<InventoryReserved.Line> lines = requested.entrySet()
				.stream()
				.map((line) -> new InventoryReserved.Line(line.getKey(), line.getValue()))
				.toList();
			this.outbox.append(new InventoryReserved(order.orderId(), lines, now), context.eventId());
		}
		else {
			this.outbox.append(new InventoryRejected(order.orderId(), shortLines, now), context.eventId());
		}
	}

	/**
	 * Units per SKU, sorted by SKU. The order service never repeats a SKU, but the event
	 * contract allows it, so repeated lines are added up rather than failing.
	 */
	private static SortedMap<String, Integer> requested(OrderPlaced order) {
		SortedMap<String, Integer> requested = new TreeMap<>();
		for (OrderPlaced.Line line : order.lines()) {
			requested.merge(line.sku(), line.quantity(), (a, b) -> {
				try {
					return Math.addExact(a, b);
				}
				catch (ArithmeticException ex) {
					throw new PoisonEventException(PoisonEventException.Reason.INVALID,
							"quantities of " + line.sku() + " overflow", ex);
				}
			});
		}
		return requested;
	}

	/**
	 * Locks the stock rows of these SKUs until the transaction ends, in SKU order.
	 * @return available units of each SKU that has a stock row
	 */
	private Map<String, Integer> lockStock(SortedMap<String, Integer> requested) {
		Map<String, Integer> available = new TreeMap<>();
		this.jdbc.sql("select sku, available from stock where sku = any(?) order by sku for update")
			.param(requested.keySet().toArray(String[]::new))
			.query((rs) -> {
				available.put(rs.getString("sku"), rs.getInt("available"));
			});
		return available;
	}

	/**
	 * Records the decision and the lines requested and, for a reservation, moves the
	 * units from available to reserved: one statement, whose parts all depend on the
	 * reservation row it inserts, so an order already decided changes nothing.
	 * @return false when the order already has a reservation
	 */
	private boolean recordReservation(UUID orderId, ReservationState state, SortedMap<String, Integer> requested,
			Instant now) {
		return this.jdbc.sql("""
				with decided as (
				    insert into reservation (order_id, status, created_at) values (?, ?, ?)
				    on conflict (order_id) do nothing
				    returning order_id, status),
				line as (
				    select sku, quantity from unnest(?::text[], ?::int[]) as line (sku, quantity)),
				lines as (
				    insert into reservation_line (order_id, sku, quantity)
				    select decided.order_id, line.sku, line.quantity from decided, line),
				moved as (
				    update stock set available = available - line.quantity, reserved = reserved + line.quantity,
				                     updated_at = ?
				    from line, decided
				    where stock.sku = line.sku and decided.status = ?)
				select count(*) from decided""")
			.params(orderId, state.name(), Timestamp.from(now), skus(requested), quantities(requested),
					Timestamp.from(now), ReservationState.RESERVED.name())
			.query(Long.class)
			.single() == 1;
	}

	private static String[] skus(SortedMap<String, Integer> requested) {
		return requested.keySet().toArray(String[]::new);
	}

	private static Integer[] quantities(SortedMap<String, Integer> requested) {
		return requested.values().toArray(Integer[]::new);
	}

}
