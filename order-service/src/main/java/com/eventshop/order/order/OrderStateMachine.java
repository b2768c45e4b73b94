package com.eventshop.order.order;

import java.time.Instant;
import java.util.stream.Collectors;

import com.eventshop.events.ShopEvent;
import com.eventshop.events.inventory.InventoryRejected;
import com.eventshop.events.inventory.InventoryReleased;
import com.eventshop.events.inventory.InventoryReserved;
import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderConfirmed;
import com.eventshop.events.order.OrderRejected;
import com.eventshop.events.order.OrderShipped;
import com.eventshop.events.shipping.ShipmentDispatched;

/**
 * The order service's part of the saga: what each event does to an order in each status,
 * and when a customer may cancel. Each method below is one column of this table, a switch
 * over every status, so the compiler insists that every pair is defined:
 *
 * <pre>
 * status    | InventoryReserved                | InventoryRejected       | InventoryReleased   | ShipmentDispatched
 * ----------+----------------------------------+-------------------------+---------------------+-----------------------------------
 * PENDING   | CONFIRMED, OrderConfirmed        | REJECTED, OrderRejected | unexpected          | unexpected
 * CONFIRMED | no-op                            | unexpected              | unexpected          | SHIPPED, OrderShipped
 * REJECTED  | unexpected                       | no-op                   | unexpected          | unexpected
 * SHIPPED   | no-op                            | unexpected              | unexpected          | no-op
 * CANCELLED | note RESERVED_AFTER_CANCELLATION | no-op                   | note STOCK_RELEASED | note DISPATCHED_AFTER_CANCELLATION
 * </pre>
 *
 * A customer may cancel a PENDING or CONFIRMED order. The caller holds the order's row
 * lock, so a cancellation and an event of the same order never interleave.
 */
final class OrderStateMachine {

	private OrderStateMachine() {
	}

	static Outcome on(Order order, InventoryReserved event, Instant now) {
		return switch (order.getStatus()) {
			case PENDING -> {
				order.changeStatus(OrderStatus.CONFIRMED, "stock reserved", now);
				yield new Outcome.Emit(new OrderConfirmed(order.getId(), order.customer(), order.getTotal(),
						order.getCurrency(), now));
			}
			case CONFIRMED, SHIPPED -> new Outcome.NoOp("stock was already reserved");
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
			case CONFIRMED, SHIPPED -> new Outcome.Unexpected("rejected after inventory reserved the order");
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
			case PENDING, CONFIRMED, REJECTED, SHIPPED ->
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
			case SHIPPED -> new Outcome.NoOp("already shipped");
			// The cancellation lost the race: the parcel is on its way, and shipping
			// records
			// that the cancellation came too late. The order stays cancelled.
			case CANCELLED -> noted(order, OrderNote.DISPATCHED_AFTER_CANCELLATION,
					"dispatched after cancellation: " + tracking, now);
			case PENDING, REJECTED -> new Outcome.Unexpected("dispatched although the order was never confirmed");
		};
	}

	/**
	 * Cancels an order for its customer.
	 * @return the event that announces it
	 * @throws OrderNotCancellableException when the order is shipped, rejected or already
	 * cancelled
	 */
	static OrderCancelled cancel(Order order, Instant now) {
		OrderStatus previous = order.getStatus();
		return switch (previous) {
			case PENDING, CONFIRMED -> {
				order.changeStatus(OrderStatus.CANCELLED, "cancelled by customer", now);
				yield new OrderCancelled(order.getId(), order.customer(), previous.name(), now);
			}
			case REJECTED, SHIPPED, CANCELLED -> throw new OrderNotCancellableException(order.getId(), previous);
		};
	}

	private static Outcome noted(Order order, OrderNote note, String reason, Instant now) {
		order.note(note, reason, now);
		return new Outcome.Noted(note);
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
