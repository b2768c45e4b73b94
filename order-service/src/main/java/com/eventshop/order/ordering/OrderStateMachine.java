package com.eventshop.order.ordering;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.eventshop.events.ShopEvent;
import com.eventshop.events.inventory.InventoryRejected;
import com.eventshop.events.inventory.InventoryReleased;
import com.eventshop.events.inventory.InventoryReserved;
import com.eventshop.events.order.OrderCancellationRequested;
import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderConfirmed;
import com.eventshop.events.order.OrderRejected;
import com.eventshop.events.order.OrderShipped;
import com.eventshop.events.shipping.ShipmentCancelled;
import com.eventshop.events.shipping.ShipmentDispatched;

/**
 * The order service's part of the saga: what each event does to an order in each status,
 * and when a customer may cancel. Each method below is one column of this table, a switch
 * over every status, so the compiler insists that every pair is defined:
 *
 * <pre>
 * status                 | InventoryReserved           | InventoryRejected | InventoryReleased | ShipmentDispatched            | ShipmentCancelled
 * -----------------------+-----------------------------+-------------------+-------------------+-------------------------------+-------------------------
 * PENDING                | lines match: CONFIRMED,     | REJECTED,         | unexpected        | unexpected                    | unexpected
 *                        | OrderConfirmed; else        | OrderRejected     |                   |                               |
 *                        | unexpected                  |                   |                   |                               |
 * CONFIRMED              | no-op                       | unexpected        | unexpected        | SHIPPED, OrderShipped         | unexpected
 * CANCELLATION_REQUESTED | no-op                       | unexpected        | unexpected        | SHIPPED (cancellation came    | CANCELLED, OrderCancelled
 *                        |                             |                   |                   | too late), OrderShipped       |
 * REJECTED               | unexpected                  | no-op             | unexpected        | unexpected                    | unexpected
 * SHIPPED                | no-op                       | unexpected        | unexpected        | no-op                         | unexpected
 * CANCELLED              | note RESERVED_AFTER_        | no-op             | note              | note DISPATCHED_AFTER_        | no-op
 *                        | CANCELLATION                |                   | STOCK_RELEASED    | CANCELLATION                  |
 * </pre>
 *
 * A customer may cancel a PENDING order at once: shipping has not been told to dispatch
 * it. A CONFIRMED order may be on its way out of the warehouse, so its cancellation is
 * only requested (CANCELLATION_REQUESTED, {@code OrderCancellationRequested}) and
 * shipping decides: {@code ShipmentCancelled} if it stopped the shipment, or the
 * {@code ShipmentDispatched} it already sent if it was too late. Only then does the order
 * end CANCELLED (and inventory release its units) or SHIPPED, so a unit that left the
 * warehouse never returns to stock. The caller holds the order's row lock, so a
 * cancellation and an event of the same order never interleave.
 */
final class OrderStateMachine {

	private OrderStateMachine() {
	}

	static Outcome on(Order order, InventoryReserved event, Instant now) {
		return switch (order.getStatus()) {
			case PENDING -> {
				if (!units(order.getLines()).equals(reserved(event))) {
					// Confirming would promise goods that were never set aside.
					yield new Outcome.Unexpected("reserved lines " + reserved(event) + " differ from the order's "
							+ units(order.getLines()));
				}
				order.changeStatus(OrderStatus.CONFIRMED, "stock reserved", now);
				yield new Outcome.Emit(new OrderConfirmed(order.getId(), order.customer(), order.getTotal(),
						order.getCurrency(), now));
			}
			case CONFIRMED, CANCELLATION_REQUESTED, SHIPPED -> new Outcome.NoOp("stock was already reserved");
			case REJECTED -> new Outcome.Unexpected("stock reserved for an order that inventory rejected");
			case CANCELLED -> noted(order, OrderNote.RESERVED_AFTER_CANCELLATION,
					"reserved after cancellation; inventory releases it", now);
		};
	}

	static Outcome on(Order order, InventoryRejected event, Instant now) {
		return switch (order.getStatus()) {
			case PENDING -> {
				order.changeStatus(OrderStatus.REJECTED, shortage(event), now);
				yield new Outcome.Emit(new OrderRejected(order.getId(), order.customer(),
						event.shortLines()
							.stream()
							.map((line) -> new OrderRejected.ShortLine(line.sku(), line.requested(), line.available()))
							.toList(),
						now));
			}
			case REJECTED, CANCELLED -> new Outcome.NoOp("nothing is reserved for the order anyway");
			case CONFIRMED, CANCELLATION_REQUESTED, SHIPPED ->
				new Outcome.Unexpected("rejected after inventory reserved the order");
		};
	}

	static Outcome on(Order order, InventoryReleased event, Instant now) {
		return switch (order.getStatus()) {
			case CANCELLED -> noted(order, OrderNote.STOCK_RELEASED,
					"stock released: " + event.lines()
						.stream()
						.map((line) -> line.quantity() + " x " + line.sku())
						.collect(Collectors.joining(", ")),
					now);
			case PENDING, CONFIRMED, CANCELLATION_REQUESTED, REJECTED, SHIPPED ->
				new Outcome.Unexpected("stock released for an order that is not cancelled");
		};
	}

	static Outcome on(Order order, ShipmentDispatched event, Instant now) {
		String tracking = "tracking number " + event.trackingNumber() + ", carrier " + event.carrier();
		return switch (order.getStatus()) {
			case CONFIRMED -> {
				order.ship(event.trackingNumber(), tracking, now);
				yield new Outcome.Emit(new OrderShipped(order.getId(), order.customer(), event.trackingNumber(),
						event.dispatchedAt()));
			}
			// Shipping had dispatched before it read the cancellation request: this is
			// its answer, and the customer keeps the parcel.
			case CANCELLATION_REQUESTED -> {
				order.ship(event.trackingNumber(), "cancellation came too late, the shipment had left: " + tracking,
						now);
				yield new Outcome.Emit(new OrderShipped(order.getId(), order.customer(), event.trackingNumber(),
						event.dispatchedAt()));
			}
			case SHIPPED -> new Outcome.NoOp("already shipped");
			// Shipping stopped the shipment before this order was cancelled, so it cannot
			// have left; should it say so anyway, it is kept in the history.
			case CANCELLED -> noted(order, OrderNote.DISPATCHED_AFTER_CANCELLATION,
					"dispatched after cancellation: " + tracking, now);
			case PENDING, REJECTED -> new Outcome.Unexpected("dispatched although the order was never confirmed");
		};
	}

	static Outcome on(Order order, ShipmentCancelled event, Instant now) {
		return switch (order.getStatus()) {
			case CANCELLATION_REQUESTED -> {
				order.changeStatus(OrderStatus.CANCELLED, "cancelled by customer; shipping stopped the shipment", now);
				yield new Outcome.Emit(
						new OrderCancelled(order.getId(), order.customer(), OrderStatus.CONFIRMED.name(), now));
			}
			case CANCELLED -> new Outcome.NoOp("already cancelled");
			case PENDING, CONFIRMED, REJECTED, SHIPPED ->
				new Outcome.Unexpected("shipment cancelled although no cancellation was requested");
		};
	}

	/**
	 * Cancels an order for its customer, or asks shipping to when it may be leaving the
	 * warehouse.
	 * @return the event that announces it: {@code OrderCancelled} for a PENDING order
	 * (now CANCELLED), {@code OrderCancellationRequested} for a CONFIRMED one (now
	 * CANCELLATION_REQUESTED), nothing when the cancellation was already requested
	 * @throws OrderNotCancellableException when the order is shipped, rejected or already
	 * cancelled
	 */
	static Optional<ShopEvent> cancel(Order order, Instant now) {
		OrderStatus previous = order.getStatus();
		return switch (previous) {
			case PENDING -> {
				order.changeStatus(OrderStatus.CANCELLED, "cancelled by customer", now);
				yield Optional.of(new OrderCancelled(order.getId(), order.customer(), previous.name(), now));
			}
			case CONFIRMED -> {
				order.changeStatus(OrderStatus.CANCELLATION_REQUESTED,
						"cancellation requested by customer; waiting for shipping", now);
				yield Optional.of(new OrderCancellationRequested(order.getId(), order.customer(), now));
			}
			// Asked twice: the first request is on its way; the answer is the same.
			case CANCELLATION_REQUESTED -> Optional.empty();
			case REJECTED, SHIPPED, CANCELLED -> throw new OrderNotCancellableException(order.getId(), previous);
		};
	}

	private static Outcome noted(Order order, OrderNote note, String reason, Instant now) {
		order.note(note, reason, now);
		return new Outcome.Noted(note);
	}

	/** Units per SKU of the order's lines. */
	private static Map<String, Integer> units(List<OrderLine> lines) {
		return lines.stream()
			.collect(Collectors.toMap(OrderLine::getSku, OrderLine::getQuantity, Integer::sum, TreeMap::new));
	}

	/** Units per SKU that inventory says it reserved. */
	private static Map<String, Integer> reserved(InventoryReserved event) {
		return event.lines()
			.stream()
			.collect(Collectors.toMap(InventoryReserved.Line::sku, InventoryReserved.Line::quantity, Integer::sum,
					TreeMap::new));
	}

	private static String shortage(InventoryRejected event) {
		return "short: " + event.shortLines()
			.stream()
			.map((line) -> line.sku() + " requested " + line.requested() + ", available " + line.available())
			.collect(Collectors.joining("; "));
	}

	/**
	 * What an event did to an order.
	 */
	sealed interface Outcome {

		/** The order changed status; the event announces it. */
		record Emit(ShopEvent event) implements Outcome {
		}

		/** The order kept its status; its history notes what happened. */
		record Noted(OrderNote note) implements Outcome {
		}

		/** Nothing changed: the event repeats what the order already knows. */
		record NoOp(String why) implements Outcome {
		}

		/** Nothing changed: the event does not fit the order's status. */
		record Unexpected(String why) implements Outcome {
		}

	}

}
