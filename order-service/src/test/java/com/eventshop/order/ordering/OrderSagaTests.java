package com.eventshop.order.ordering;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.eventshop.events.EventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static com.eventshop.events.EventTypes.INVENTORY_REJECTED_V1;
import static com.eventshop.events.EventTypes.INVENTORY_RELEASED_V1;
import static com.eventshop.events.EventTypes.INVENTORY_RESERVED_V1;
import static com.eventshop.events.EventTypes.ORDER_CANCELLATION_REQUESTED_V1;
import static com.eventshop.events.EventTypes.ORDER_CANCELLED_V1;
import static com.eventshop.events.EventTypes.ORDER_CONFIRMED_V1;
import static com.eventshop.events.EventTypes.ORDER_PLACED_V1;
import static com.eventshop.events.EventTypes.ORDER_REJECTED_V1;
import static com.eventshop.events.EventTypes.ORDER_SHIPPED_V1;
import static com.eventshop.events.EventTypes.SHIPMENT_CANCELLED_V1;
import static com.eventshop.events.EventTypes.SHIPMENT_DISPATCHED_V1;
import static com.eventshop.order.ordering.SagaDriver.causation;
import static com.eventshop.order.ordering.SagaDriver.data;
import static com.eventshop.order.ordering.SagaDriver.event;
import static com.eventshop.order.ordering.SagaDriver.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Proves that the order service follows the saga's transition table, row by row, against
 * the real broker and database: what inventory and shipping report moves an order, writes
 * its history with reasons and puts exactly the expected, schema-valid events on
 * {@code shop.orders.v1}, each naming the event that caused it; every pair the table
 * calls a no-op changes nothing; every unexpected pair is recorded, not retried or
 * dead-lettered, and later events of the order are still handled; and a redelivered event
 * changes nothing.
 */
class OrderSagaTests extends SagaTestSupport {

	private static final String TRACKING = "tracking number ES123456789DE, carrier EventShop Post";

	@Test
	void reservedStockConfirmsAPendingOrder() {
		UUID orderId = this.saga.place();
		ObjectNode reserved = event(INVENTORY_RESERVED_V1, orderId);

		UUID eventId = this.saga.publish(INVENTORY_RESERVED_V1, reserved);

		JsonNode order = this.saga.order(orderId);
		assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(order.has("trackingNumber")).isFalse();
		assertThat(this.saga.history(orderId)).containsExactly("PENDING", "CONFIRMED: stock reserved");
		assertThat(this.saga.publishedTypes(orderId)).isEqualTo(names(ORDER_PLACED_V1, ORDER_CONFIRMED_V1));
		ConsumerRecord<String, byte[]> confirmed = this.saga.lastPublished(orderId, ORDER_CONFIRMED_V1);
		assertThat(causation(confirmed)).isEqualTo(eventId.toString());
		JsonNode data = data(confirmed);
		assertThat(data.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(data.get("customer")).isEqualTo(order.get("customer"));
		assertThat(data.get("total").asString()).isEqualTo("25.00");
		assertThat(data.get("currency").asString()).isEqualTo("EUR");
		assertThat(Instant.parse(data.get("confirmedAt").asString()))
			.isEqualTo(Instant.parse(order.at("/history/1/at").asString()));
		assertRedeliveryChangesNothing(orderId, INVENTORY_RESERVED_V1, eventId, reserved);
	}

	@Test
	void shortStockRejectsAPendingOrderNamingEveryShortLine() {
		ObjectNode request = OrderApi.validOrder();
		request.withArray("lines").addObject().put("sku", "LMP-009").put("quantity", 3);
		UUID orderId = this.saga.place(request);
		ObjectNode rejected = event(INVENTORY_REJECTED_V1, orderId);
		rejected.withArray("shortLines").addObject().put("sku", "MUG-001").put("requested", 2).put("available", 0);

		UUID eventId = this.saga.publish(INVENTORY_REJECTED_V1, rejected);

		JsonNode order = this.saga.order(orderId);
		assertThat(order.get("status").asString()).isEqualTo("REJECTED");
		assertThat(this.saga.history(orderId)).containsExactly("PENDING",
				"REJECTED: short: LMP-009 requested 3, available 1; MUG-001 requested 2, available 0");
		assertThat(this.saga.publishedTypes(orderId)).isEqualTo(names(ORDER_PLACED_V1, ORDER_REJECTED_V1));
		ConsumerRecord<String, byte[]> published = this.saga.lastPublished(orderId, ORDER_REJECTED_V1);
		assertThat(causation(published)).isEqualTo(eventId.toString());
		JsonNode data = data(published);
		assertThat(data.get("customer")).isEqualTo(order.get("customer"));
		assertThat(data.get("shortLines")).isEqualTo(rejected.get("shortLines"));
		assertThat(Instant.parse(data.get("rejectedAt").asString()))
			.isEqualTo(Instant.parse(order.at("/history/1/at").asString()));
		assertRedeliveryChangesNothing(orderId, INVENTORY_REJECTED_V1, eventId, rejected);
	}

	@Test
	void dispatchShipsAConfirmedOrderWithItsTrackingNumber() {
		UUID orderId = this.saga.orderIn("CONFIRMED");
		ObjectNode dispatched = event(SHIPMENT_DISPATCHED_V1, orderId);

		UUID eventId = this.saga.publish(SHIPMENT_DISPATCHED_V1, dispatched);

		JsonNode order = this.saga.order(orderId);
		assertThat(order.get("status").asString()).isEqualTo("SHIPPED");
		assertThat(order.get("trackingNumber").asString()).isEqualTo("ES123456789DE");
		assertThat(this.saga.history(orderId)).containsExactly("PENDING", "CONFIRMED: stock reserved",
				"SHIPPED: " + TRACKING);
		assertThat(this.saga.publishedTypes(orderId))
			.isEqualTo(names(ORDER_PLACED_V1, ORDER_CONFIRMED_V1, ORDER_SHIPPED_V1));
		ConsumerRecord<String, byte[]> shipped = this.saga.lastPublished(orderId, ORDER_SHIPPED_V1);
		assertThat(causation(shipped)).isEqualTo(eventId.toString());
		JsonNode data = data(shipped);
		assertThat(data.get("customer")).isEqualTo(order.get("customer"));
		assertThat(data.get("trackingNumber").asString()).isEqualTo("ES123456789DE");
		assertThat(Instant.parse(data.get("shippedAt").asString()))
			.isEqualTo(Instant.parse(dispatched.get("dispatchedAt").asString()));
		assertRedeliveryChangesNothing(orderId, SHIPMENT_DISPATCHED_V1, eventId, dispatched);
	}

	@Test
	void reservationOfOtherLinesThanTheOrdersIsRecordedAsUnexpectedAndConfirmsNothing() {
		UUID orderId = this.saga.place();
		ObjectNode reserved = event(INVENTORY_RESERVED_V1, orderId);
		reserved.putArray("lines").addObject().put("sku", "MUG-001").put("quantity", 1);

		UUID eventId = this.saga.publish(INVENTORY_RESERVED_V1, reserved);

		assertThat(this.saga.order(orderId).get("status").asString()).isEqualTo("PENDING");
		assertThat(this.saga.history(orderId)).containsExactly("PENDING");
		assertThat(this.saga.publishedTypes(orderId)).isEqualTo(names(ORDER_PLACED_V1));
		assertThat(this.saga.unexpected(eventId))
			.containsExactly("order " + INVENTORY_RESERVED_V1.name() + " " + orderId + " in PENDING");
		assertThat(this.saga.deadLettered(orderId)).isEmpty();
	}

	@Test
	void grantedCancellationCancelsTheOrderAndAnnouncesWhatWasUndone() {
		UUID orderId = this.saga.orderIn("CANCELLATION_REQUESTED");
		ObjectNode granted = event(SHIPMENT_CANCELLED_V1, orderId);

		UUID eventId = this.saga.publish(SHIPMENT_CANCELLED_V1, granted);

		JsonNode order = this.saga.order(orderId);
		assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(order.has("trackingNumber")).isFalse();
		assertThat(this.saga.history(orderId)).containsExactly("PENDING", "CONFIRMED: stock reserved",
				"CANCELLATION_REQUESTED: cancellation requested by customer; waiting for shipping",
				"CANCELLED: cancelled by customer; shipping stopped the shipment");
		assertThat(this.saga.publishedTypes(orderId))
			.isEqualTo(names(ORDER_PLACED_V1, ORDER_CONFIRMED_V1, ORDER_CANCELLATION_REQUESTED_V1, ORDER_CANCELLED_V1));
		ConsumerRecord<String, byte[]> cancelled = this.saga.lastPublished(orderId, ORDER_CANCELLED_V1);
		assertThat(causation(cancelled)).isEqualTo(eventId.toString());
		JsonNode data = data(cancelled);
		assertThat(data.get("customer")).isEqualTo(order.get("customer"));
		assertThat(data.get("previousStatus").asString()).as("what inventory releases").isEqualTo("CONFIRMED");
		assertThat(Instant.parse(data.get("cancelledAt").asString()))
			.isEqualTo(Instant.parse(order.at("/history/3/at").asString()));
		assertRedeliveryChangesNothing(orderId, SHIPMENT_CANCELLED_V1, eventId, granted);
	}

	@Test
	void dispatchAnsweringACancellationRequestShipsTheOrderAndSaysTheCancellationCameTooLate() {
		UUID orderId = this.saga.orderIn("CANCELLATION_REQUESTED");
		ObjectNode dispatched = event(SHIPMENT_DISPATCHED_V1, orderId);

		UUID eventId = this.saga.publish(SHIPMENT_DISPATCHED_V1, dispatched);

		JsonNode order = this.saga.order(orderId);
		assertThat(order.get("status").asString()).isEqualTo("SHIPPED");
		assertThat(order.get("trackingNumber").asString()).isEqualTo("ES123456789DE");
		assertThat(this.saga.history(orderId)).containsExactly("PENDING", "CONFIRMED: stock reserved",
				"CANCELLATION_REQUESTED: cancellation requested by customer; waiting for shipping",
				"SHIPPED: cancellation came too late, the shipment had left: " + TRACKING);
		assertThat(this.saga.publishedTypes(orderId)).as("never OrderCancelled: nothing goes back to stock")
			.isEqualTo(names(ORDER_PLACED_V1, ORDER_CONFIRMED_V1, ORDER_CANCELLATION_REQUESTED_V1, ORDER_SHIPPED_V1));
		assertThat(causation(this.saga.lastPublished(orderId, ORDER_SHIPPED_V1))).isEqualTo(eventId.toString());
		assertThat(this.saga.unexpected(eventId)).isEmpty();
		assertRedeliveryChangesNothing(orderId, SHIPMENT_DISPATCHED_V1, eventId, dispatched);
	}

	@Test
	void dispatchAfterCancellationLeavesTheOrderCancelledAndEmitsNothing() {
		UUID orderId = this.saga.orderIn("CANCELLED");
		ObjectNode dispatched = event(SHIPMENT_DISPATCHED_V1, orderId);

		UUID eventId = this.saga.publish(SHIPMENT_DISPATCHED_V1, dispatched);

		JsonNode order = this.saga.order(orderId);
		assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(order.has("trackingNumber")).as("the order never shipped").isFalse();
		assertThat(this.saga.history(orderId)).containsExactly("PENDING", "CANCELLED: cancelled by customer",
				"CANCELLED/DISPATCHED_AFTER_CANCELLATION: dispatched after cancellation: " + TRACKING);
		assertThat(this.saga.publishedTypes(orderId)).isEqualTo(names(ORDER_PLACED_V1, ORDER_CANCELLED_V1));
		assertThat(this.saga.unexpected(eventId)).isEmpty();
		assertRedeliveryChangesNothing(orderId, SHIPMENT_DISPATCHED_V1, eventId, dispatched);
	}

	@Test
	void reservationAndReleaseAfterCancellationAreNotedAndEmitNothing() {
		UUID orderId = this.saga.orderIn("CANCELLED");
		ObjectNode reserved = event(INVENTORY_RESERVED_V1, orderId);
		ObjectNode released = event(INVENTORY_RELEASED_V1, orderId);

		UUID reservedId = this.saga.publish(INVENTORY_RESERVED_V1, reserved);
		UUID releasedId = this.saga.publish(INVENTORY_RELEASED_V1, released);

		assertThat(this.saga.order(orderId).get("status").asString()).isEqualTo("CANCELLED");
		assertThat(this.saga.history(orderId)).containsExactly("PENDING", "CANCELLED: cancelled by customer",
				"CANCELLED/RESERVED_AFTER_CANCELLATION: reserved after cancellation; inventory releases it",
				"CANCELLED/STOCK_RELEASED: stock released: 2 x MUG-001, 1 x TEE-002");
		assertThat(this.saga.publishedTypes(orderId)).isEqualTo(names(ORDER_PLACED_V1, ORDER_CANCELLED_V1));
		assertRedeliveryChangesNothing(orderId, INVENTORY_RESERVED_V1, reservedId, reserved);
		assertRedeliveryChangesNothing(orderId, INVENTORY_RELEASED_V1, releasedId, released);
	}

	@ParameterizedTest(name = "{argumentSetName}")
	@MethodSource
	void eventThatRepeatsWhatTheOrderKnowsChangesNothing(String status, EventType<?> type) {
		UUID orderId = this.saga.orderIn(status);
		JsonNode before = this.saga.order(orderId);
		List<String> published = this.saga.publishedTypes(orderId);

		UUID eventId = this.saga.publish(type, orderId);

		assertThat(this.saga.order(orderId)).isEqualTo(before);
		assertThat(this.saga.publishedTypes(orderId)).isEqualTo(published);
		assertThat(this.saga.unexpected(eventId)).isEmpty();
	}

	static Stream<Arguments> eventThatRepeatsWhatTheOrderKnowsChangesNothing() {
		return Stream.of(argumentSet("CONFIRMED + InventoryReserved", "CONFIRMED", INVENTORY_RESERVED_V1),
				argumentSet("REJECTED + InventoryRejected", "REJECTED", INVENTORY_REJECTED_V1),
				argumentSet("SHIPPED + InventoryReserved", "SHIPPED", INVENTORY_RESERVED_V1),
				argumentSet("SHIPPED + ShipmentDispatched", "SHIPPED", SHIPMENT_DISPATCHED_V1),
				argumentSet("CANCELLATION_REQUESTED + InventoryReserved", "CANCELLATION_REQUESTED",
						INVENTORY_RESERVED_V1),
				argumentSet("CANCELLED + InventoryRejected", "CANCELLED", INVENTORY_REJECTED_V1),
				argumentSet("CANCELLED + ShipmentCancelled", "CANCELLED", SHIPMENT_CANCELLED_V1));
	}

	@ParameterizedTest(name = "{argumentSetName}")
	@MethodSource
	void unexpectedEventIsRecordedAndChangesNothing(String status, EventType<?> type) {
		UUID orderId = this.saga.orderIn(status);
		JsonNode before = this.saga.order(orderId);
		List<String> published = this.saga.publishedTypes(orderId);

		UUID eventId = this.saga.publish(type, orderId);

		assertThat(this.saga.unexpected(eventId))
			.containsExactly("order " + type.name() + " " + orderId + " in " + status);
		assertThat(this.saga.order(orderId)).isEqualTo(before);
		assertThat(this.saga.publishedTypes(orderId)).isEqualTo(published);
		assertThat(this.saga.deadLettered(orderId)).isEmpty();
	}

	static Stream<Arguments> unexpectedEventIsRecordedAndChangesNothing() {
		return Stream.of(argumentSet("PENDING + InventoryReleased", "PENDING", INVENTORY_RELEASED_V1),
				argumentSet("PENDING + ShipmentDispatched", "PENDING", SHIPMENT_DISPATCHED_V1),
				argumentSet("CONFIRMED + InventoryRejected", "CONFIRMED", INVENTORY_REJECTED_V1),
				argumentSet("CONFIRMED + InventoryReleased", "CONFIRMED", INVENTORY_RELEASED_V1),
				argumentSet("REJECTED + InventoryReserved", "REJECTED", INVENTORY_RESERVED_V1),
				argumentSet("REJECTED + InventoryReleased", "REJECTED", INVENTORY_RELEASED_V1),
				argumentSet("REJECTED + ShipmentDispatched", "REJECTED", SHIPMENT_DISPATCHED_V1),
				argumentSet("SHIPPED + InventoryRejected", "SHIPPED", INVENTORY_REJECTED_V1),
				argumentSet("SHIPPED + InventoryReleased", "SHIPPED", INVENTORY_RELEASED_V1),
				argumentSet("CANCELLATION_REQUESTED + InventoryRejected", "CANCELLATION_REQUESTED",
						INVENTORY_REJECTED_V1),
				argumentSet("CANCELLATION_REQUESTED + InventoryReleased", "CANCELLATION_REQUESTED",
						INVENTORY_RELEASED_V1),
				argumentSet("PENDING + ShipmentCancelled", "PENDING", SHIPMENT_CANCELLED_V1),
				argumentSet("CONFIRMED + ShipmentCancelled", "CONFIRMED", SHIPMENT_CANCELLED_V1),
				argumentSet("REJECTED + ShipmentCancelled", "REJECTED", SHIPMENT_CANCELLED_V1),
				argumentSet("SHIPPED + ShipmentCancelled", "SHIPPED", SHIPMENT_CANCELLED_V1));
	}

	@Test
	void unexpectedEventsNeitherBlockNorDeadLetterTheOrdersLaterEvents() {
		UUID orderId = this.saga.place();
		UUID releasedId = UUID.randomUUID();
		ObjectNode released = event(INVENTORY_RELEASED_V1, orderId);
		UUID rejectedId = UUID.randomUUID();

		// Each unexpected event is followed at once by a good one of the same order.
		this.saga.publishOnly(INVENTORY_RELEASED_V1, releasedId, released);
		UUID reservedId = this.saga.publish(INVENTORY_RESERVED_V1, orderId);
		this.saga.publishOnly(INVENTORY_REJECTED_V1, rejectedId, event(INVENTORY_REJECTED_V1, orderId));
		this.saga.publish(SHIPMENT_DISPATCHED_V1, orderId);
		this.saga.awaitHandled(releasedId);
		this.saga.awaitHandled(rejectedId);

		assertThat(this.saga.order(orderId).get("status").asString()).isEqualTo("SHIPPED");
		assertThat(this.saga.history(orderId)).containsExactly("PENDING", "CONFIRMED: stock reserved",
				"SHIPPED: " + TRACKING);
		assertThat(this.saga.publishedTypes(orderId))
			.isEqualTo(names(ORDER_PLACED_V1, ORDER_CONFIRMED_V1, ORDER_SHIPPED_V1));
		assertThat(causation(this.saga.lastPublished(orderId, ORDER_CONFIRMED_V1))).isEqualTo(reservedId.toString());
		assertThat(this.saga.unexpected(releasedId))
			.containsExactly("order " + INVENTORY_RELEASED_V1.name() + " " + orderId + " in PENDING");
		assertThat(this.saga.unexpected(rejectedId))
			.containsExactly("order " + INVENTORY_REJECTED_V1.name() + " " + orderId + " in CONFIRMED");
		assertThat(this.saga.deadLettered(orderId)).isEmpty();

		this.saga.redeliver(INVENTORY_RELEASED_V1, releasedId, released);
		assertThat(this.saga.unexpected(releasedId)).as("a redelivery is not recorded again").hasSize(1);
	}

	@Test
	void eventAboutAnUnknownOrderIsRecordedAsUnexpected() {
		UUID unknown = UUID.randomUUID();

		UUID eventId = this.saga.publish(INVENTORY_RESERVED_V1, unknown);

		assertThat(this.saga.unexpected(eventId))
			.containsExactly("order " + INVENTORY_RESERVED_V1.name() + " " + unknown + " in UNKNOWN");
		assertThat(this.saga.published(unknown)).isEmpty();
		assertThat(this.saga.deadLettered(unknown)).isEmpty();
	}

	/**
	 * Delivers an event a second time (same {@code ce_id}) and checks that the order, its
	 * history and the events published about it stay as they were.
	 */
	private void assertRedeliveryChangesNothing(UUID orderId, EventType<?> type, UUID eventId, ObjectNode data) {
		JsonNode order = this.saga.order(orderId);
		List<String> published = this.saga.published(orderId)
			.stream()
			.map((record) -> SagaDriver.type(record) + " " + new String(record.value(), StandardCharsets.UTF_8))
			.toList();
		List<String> unexpected = this.saga.unexpected(eventId);

		this.saga.redeliver(type, eventId, data);

		assertThat(this.saga.order(orderId)).isEqualTo(order);
		assertThat(this.saga.published(orderId)
			.stream()
			.map((record) -> SagaDriver.type(record) + " " + new String(record.value(), StandardCharsets.UTF_8))
			.toList()).isEqualTo(published);
		assertThat(this.saga.unexpected(eventId)).isEqualTo(unexpected);
	}

}
