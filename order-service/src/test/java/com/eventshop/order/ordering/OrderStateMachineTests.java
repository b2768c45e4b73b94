package com.eventshop.order.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import com.eventshop.events.Address;
import com.eventshop.events.Customer;
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
import com.eventshop.order.catalog.Catalog.PricedLine;
import com.eventshop.order.ordering.OrderStateMachine.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Walks every (status, event) pair of {@link OrderStateMachine} against the table in its
 * Javadoc, and every status of a cancellation, without Spring, a database or a broker.
 */
class OrderStateMachineTests {

	private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

	private static final UUID ORDER_ID = UUID.fromString("0b8f5c2e-6d4a-4b7e-9a51-3f2d8c1e7a90");

	private static final InventoryReserved RESERVED = new InventoryReserved(ORDER_ID,
			List.of(new InventoryReserved.Line("MUG-001", 2), new InventoryReserved.Line("TEE-002", 1)), NOW);

	private static final InventoryRejected REJECTED = new InventoryRejected(ORDER_ID,
			List.of(new InventoryRejected.ShortLine("MUG-001", 2, 1)), NOW);

	private static final InventoryReleased RELEASED = new InventoryReleased(ORDER_ID,
			List.of(new InventoryReleased.Line("MUG-001", 2), new InventoryReleased.Line("TEE-002", 1)), NOW);

	private static final ShipmentDispatched DISPATCHED = new ShipmentDispatched(ORDER_ID, "ES123456789DE",
			"EventShop Post", NOW);

	private static final ShipmentCancelled SHIPMENT_CANCELLED = new ShipmentCancelled(ORDER_ID, NOW);

	@Test
	void inventoryReserved() {
		assertColumn((order, now) -> OrderStateMachine.on(order, RESERVED, now),
				Map.of(OrderStatus.PENDING, emits(OrderConfirmed.class, OrderStatus.CONFIRMED), OrderStatus.CONFIRMED,
						noOp(), OrderStatus.CANCELLATION_REQUESTED, noOp(), OrderStatus.REJECTED, unexpected(),
						OrderStatus.SHIPPED, noOp(), OrderStatus.CANCELLED,
						noted(OrderNote.RESERVED_AFTER_CANCELLATION)));
	}

	@Test
	void inventoryReservedWithOtherLinesThanTheOrderIsUnexpectedAndConfirmsNothing() {
		List<List<InventoryReserved.Line>> wrong = List.of(List.of(new InventoryReserved.Line("MUG-001", 2)),
				List.of(new InventoryReserved.Line("MUG-001", 2), new InventoryReserved.Line("TEE-002", 3)),
				List.of(new InventoryReserved.Line("MUG-001", 2), new InventoryReserved.Line("CAP-003", 1)),
				List.of(new InventoryReserved.Line("MUG-001", 2), new InventoryReserved.Line("TEE-002", 1),
						new InventoryReserved.Line("CAP-003", 1)));
		for (List<InventoryReserved.Line> lines : wrong) {
			Order order = order(OrderStatus.PENDING);
			Outcome outcome = OrderStateMachine.on(order, new InventoryReserved(ORDER_ID, lines, NOW), NOW);
			assertThat(outcome).as(lines.toString()).isInstanceOf(Outcome.Unexpected.class);
			assertThat(order.getStatus()).isEqualTo(OrderStatus.PENDING);
			assertThat(order.getHistory()).hasSize(1);
		}
	}

	@Test
	void inventoryRejected() {
		assertColumn((order, now) -> OrderStateMachine.on(order, REJECTED, now),
				Map.of(OrderStatus.PENDING, emits(OrderRejected.class, OrderStatus.REJECTED), OrderStatus.CONFIRMED,
						unexpected(), OrderStatus.CANCELLATION_REQUESTED, unexpected(), OrderStatus.REJECTED, noOp(),
						OrderStatus.SHIPPED, unexpected(), OrderStatus.CANCELLED, noOp()));
	}

	@Test
	void inventoryReleased() {
		assertColumn((order, now) -> OrderStateMachine.on(order, RELEASED, now),
				Map.of(OrderStatus.PENDING, unexpected(), OrderStatus.CONFIRMED, unexpected(),
						OrderStatus.CANCELLATION_REQUESTED, unexpected(), OrderStatus.REJECTED, unexpected(),
						OrderStatus.SHIPPED, unexpected(), OrderStatus.CANCELLED, noted(OrderNote.STOCK_RELEASED)));
	}

	@Test
	void shipmentDispatched() {
		assertColumn((order, now) -> OrderStateMachine.on(order, DISPATCHED, now),
				Map.of(OrderStatus.PENDING, unexpected(), OrderStatus.CONFIRMED,
						emits(OrderShipped.class, OrderStatus.SHIPPED), OrderStatus.CANCELLATION_REQUESTED,
						emits(OrderShipped.class, OrderStatus.SHIPPED), OrderStatus.REJECTED, unexpected(),
						OrderStatus.SHIPPED, noOp(), OrderStatus.CANCELLED,
						noted(OrderNote.DISPATCHED_AFTER_CANCELLATION)));
	}

	@Test
	void aDispatchAnsweringACancellationRequestShipsAndSaysTheCancellationCameTooLate() {
		Order order = order(OrderStatus.CANCELLATION_REQUESTED);
		Outcome outcome = OrderStateMachine.on(order, DISPATCHED, NOW);
		assertThat(outcome).isInstanceOfSatisfying(Outcome.Emit.class, (emit) -> assertThat(emit.event())
			.isEqualTo(new OrderShipped(ORDER_ID, order.customer(), DISPATCHED.trackingNumber(), NOW)));
		assertThat(order.getTrackingNumber()).isEqualTo(DISPATCHED.trackingNumber());
		assertThat(order.getHistory().getLast().getReason()).contains("too late").contains("ES123456789DE");
	}

	@Test
	void shipmentCancelled() {
		assertColumn((order, now) -> OrderStateMachine.on(order, SHIPMENT_CANCELLED, now),
				Map.of(OrderStatus.PENDING, unexpected(), OrderStatus.CONFIRMED, unexpected(),
						OrderStatus.CANCELLATION_REQUESTED, emits(OrderCancelled.class, OrderStatus.CANCELLED),
						OrderStatus.REJECTED, unexpected(), OrderStatus.SHIPPED, unexpected(), OrderStatus.CANCELLED,
						noOp()));
	}

	@Test
	void aGrantedCancellationAnnouncesTheOrderCancelledFromConfirmed() {
		Order order = order(OrderStatus.CANCELLATION_REQUESTED);
		Outcome outcome = OrderStateMachine.on(order, SHIPMENT_CANCELLED, NOW);
		assertThat(outcome).isEqualTo(
				new Outcome.Emit(new OrderCancelled(ORDER_ID, order.customer(), OrderStatus.CONFIRMED.name(), NOW)));
	}

	@ParameterizedTest
	@EnumSource(OrderStatus.class)
	void cancel(OrderStatus status) {
		Order order = order(status);
		int entries = order.getHistory().size();
		switch (status) {
			case PENDING -> {
				assertThat(OrderStateMachine.cancel(order, NOW))
					.contains(new OrderCancelled(ORDER_ID, order.customer(), "PENDING", NOW));
				assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
			}
			case CONFIRMED -> {
				assertThat(OrderStateMachine.cancel(order, NOW))
					.contains(new OrderCancellationRequested(ORDER_ID, order.customer(), NOW));
				assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLATION_REQUESTED);
			}
			case CANCELLATION_REQUESTED -> {
				assertThat(OrderStateMachine.cancel(order, NOW)).isEmpty();
				assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLATION_REQUESTED);
				assertThat(order.getHistory()).hasSize(entries);
			}
			case REJECTED, SHIPPED, CANCELLED -> {
				assertThatExceptionOfType(OrderNotCancellableException.class)
					.isThrownBy(() -> OrderStateMachine.cancel(order, NOW))
					.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(status));
				assertThat(order.getStatus()).isEqualTo(status);
				assertThat(order.getHistory()).hasSize(entries);
			}
		}
	}

	/**
	 * Checks one column: every status has a row, and each gives the outcome expected and
	 * leaves the order in the status expected.
	 */
	private static void assertColumn(BiFunction<Order, Instant, Outcome> column, Map<OrderStatus, Expected> expected) {
		assertThat(new EnumMap<>(expected).keySet()).as("every status has a row").containsExactly(OrderStatus.values());
		expected.forEach((status, expectation) -> {
			Order order = order(status);
			int entries = order.getHistory().size();
			Outcome outcome = column.apply(order, NOW.plusSeconds(1));
			switch (expectation) {
				case Expected.Emits(var type, var to) -> {
					assertThat(outcome).as(status.name())
						.isInstanceOfSatisfying(Outcome.Emit.class,
								(emit) -> assertThat(emit.event()).isInstanceOf(type));
					assertThat(order.getStatus()).as(status.name()).isEqualTo(to);
					assertThat(order.getHistory()).hasSize(entries + 1);
				}
				case Expected.Notes(var note) -> {
					assertThat(outcome).as(status.name()).isEqualTo(new Outcome.Noted(note));
					assertThat(order.getStatus()).as(status.name()).isEqualTo(status);
					assertThat(order.getHistory().getLast().getNote()).isEqualTo(note);
				}
				case Expected.Nothing(var unexpectedly) -> {
					assertThat(outcome).as(status.name())
						.isInstanceOf(unexpectedly ? Outcome.Unexpected.class : Outcome.NoOp.class);
					assertThat(order.getStatus()).as(status.name()).isEqualTo(status);
					assertThat(order.getHistory()).as(status.name()).hasSize(entries);
				}
			}
		});
	}

	/** An order of two lines (2 x MUG-001, 1 x TEE-002) that has come to this status. */
	private static Order order(OrderStatus status) {
		Order order = Order.place(ORDER_ID, new Customer("cust-1001", "Ada Lovelace", "ada@example.com"),
				new Address("1 Analytical Way", null, "London", "N1 9GU", "GB"),
				List.of(new PricedLine("MUG-001", "Mug", 2, new BigDecimal("12.50"), "EUR"),
						new PricedLine("TEE-002", "Tee", 1, new BigDecimal("20.00"), "EUR")),
				NOW);
		if (status != OrderStatus.PENDING) {
			order.changeStatus(status, "for the test", NOW);
		}
		return order;
	}

	private static Expected emits(Class<? extends ShopEvent> type, OrderStatus to) {
		return new Expected.Emits(type, to);
	}

	private static Expected noted(OrderNote note) {
		return new Expected.Notes(note);
	}

	private static Expected noOp() {
		return new Expected.Nothing(false);
	}

	private static Expected unexpected() {
		return new Expected.Nothing(true);
	}

	private sealed interface Expected {

		record Emits(Class<? extends ShopEvent> type, OrderStatus to) implements Expected {
		}

		record Notes(OrderNote note) implements Expected {
		}

		record Nothing(boolean unexpectedly) implements Expected {
		}

	}

}
