package com.eventshop.inventory.stock;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.inventory.stock.Inventory.Level;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.EventSchemas;
import com.eventshop.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.eventshop.inventory.stock.Inventory.line;
import static com.eventshop.inventory.stock.Inventory.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proves that a reservation is settled exactly once: a cancelled order's stock returns to
 * exactly where it was and the release is announced once; a shipped order's units leave
 * {@code reserved}; anything else (a second cancellation, a redelivery, a cancellation of
 * a rejected, shipped or never seen order) changes no stock and announces nothing.
 */
class SettlementTests extends InventoryTestSupport {

	@Test
	void cancellingAReservedOrderPutsItsStockBackExactlyAndAnnouncesItOnce() {
		String mugs = Inventory.newSku();
		String lamps = Inventory.newSku();
		Inventory.stock(this.jdbc, mugs, 5);
		Inventory.stock(this.jdbc, lamps, 3);
		this.jdbc.sql("update stock set reserved = 4 where sku = ?").param(mugs).update();
		UUID orderId = reserve(line(mugs, 2), line(lamps, 3));
		assertThat(Inventory.level(this.jdbc, mugs)).isEqualTo(new Level(3, 6));

		UUID cancellation = publish(EventTypes.ORDER_CANCELLED_V1, orderId);

		ConsumerRecord<String, byte[]> released = awaitEvent(orderId, EventTypes.INVENTORY_RELEASED_V1);
		assertThat(Inventory.level(this.jdbc, mugs)).as("other orders' reservations stay").isEqualTo(new Level(5, 4));
		assertThat(Inventory.level(this.jdbc, lamps)).isEqualTo(new Level(3, 0));
		assertThat(TopicReader.header(released, CloudEventHeaders.CAUSATION_ID)).isEqualTo(cancellation.toString());
		assertThat(EventSchemas.errors(EventTypes.INVENTORY_RELEASED_V1.name(), released.value())).isEmpty();
		JsonNode data = JSON.readTree(released.value());
		assertThat(data.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(
				data.get("lines").valueStream().map((l) -> l.get("sku").asString() + "x" + l.get("quantity").asInt()))
			.containsExactlyInAnyOrder(mugs + "x2", lamps + "x3");
		assertThat(Inventory.reservation(this.jdbc, orderId)).startsWith("RELEASED:");
		assertThat(outboxed(orderId, EventTypes.INVENTORY_RELEASED_V1)).isOne();
	}

	@Test
	void aSecondOrRedeliveredCancellationChangesNothing() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 10);
		UUID orderId = reserve(line(sku, 4));
		UUID cancellation = publish(EventTypes.ORDER_CANCELLED_V1, orderId);
		awaitHandled(cancellation);

		this.publisher.publish(EventTypes.ORDER_CANCELLED_V1, cancellation,
				EventPublisher.golden(EventTypes.ORDER_CANCELLED_V1, orderId));
		// One key, one partition: once these later
		// events are handled, so is the redelivery.
		awaitHandled(publish(EventTypes.ORDER_CANCELLED_V1, orderId));
		awaitHandled(publish(EventTypes.ORDER_SHIPPED_V1, orderId));

		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(10, 0));
		assertThat(Inventory.reservation(this.jdbc, orderId)).isEqualTo("RELEASED:" + sku + "x4");
		assertThat(outboxed(orderId, EventTypes.INVENTORY_RELEASED_V1)).isOne();
		assertThat(unexpected(orderId)).as("shipped after release").containsExactly("RELEASED");
		awaitEvent(orderId, EventTypes.INVENTORY_RELEASED_V1);
		assertThat(this.inventoryEvents.poll()).filteredOn((r) -> orderId.toString().equals(r.key()))
			.as("reserved, released")
			.hasSize(2);
	}

	@Test
	void cancellingARejectedOrderChangesNothing() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 1);
		UUID orderId = UUID.randomUUID();
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(), orderPlaced(orderId, line(sku, 2)));
		awaitEvent(orderId, EventTypes.INVENTORY_REJECTED_V1);

		awaitHandled(publish(EventTypes.ORDER_CANCELLED_V1, orderId));

		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(1, 0));
		assertThat(Inventory.reservation(this.jdbc, orderId)).startsWith("REJECTED:");
		assertThat(outboxed(orderId, EventTypes.INVENTORY_RELEASED_V1)).isZero();
		assertThat(unexpected(orderId)).as("a customer may cancel before hearing of the rejection").isEmpty();
	}

	@Test
	void cancellingAnOrderNeverSeenChangesNothingAndALatePlacementReservesNothing() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 10);
		UUID orderId = UUID.randomUUID();

		awaitHandled(publish(EventTypes.ORDER_CANCELLED_V1, orderId));
		UUID latePlacement = UUID.randomUUID();
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, latePlacement, orderPlaced(orderId, line(sku, 3)));
		awaitHandled(latePlacement);

		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(10, 0));
		assertThat(Inventory.reservation(this.jdbc, orderId)).as("no lines reserved").isEmpty();
		assertThat(this.jdbc.sql("select count(*) from messaging.outbox where record_key = ?")
			.param(orderId.toString())
			.query(Long.class)
			.single()).as("no event at all").isZero();
		assertThat(unexpected(orderId)).containsExactly("NONE");
	}

	@Test
	void shippingAReservedOrderTakesItsUnitsOutOfTheWarehouseAndALaterCancellationChangesNothing() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 5);
		UUID orderId = reserve(line(sku, 2));

		UUID shipped = publish(EventTypes.ORDER_SHIPPED_V1, orderId);
		awaitHandled(shipped);

		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(3, 0));
		assertThat(Inventory.shipped(this.jdbc, sku)).as("every unit accounted for: 5 = 3 + 0 + 2").isEqualTo(2);
		assertThat(Inventory.reservation(this.jdbc, orderId)).isEqualTo("SHIPPED:" + sku + "x2");

		this.publisher.publish(EventTypes.ORDER_SHIPPED_V1, shipped,
				EventPublisher.golden(EventTypes.ORDER_SHIPPED_V1, orderId));
		awaitHandled(publish(EventTypes.ORDER_SHIPPED_V1, orderId));
		awaitHandled(publish(EventTypes.ORDER_CANCELLED_V1, orderId));

		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(3, 0));
		assertThat(Inventory.shipped(this.jdbc, sku)).isEqualTo(2);
		assertThat(Inventory.reservation(this.jdbc, orderId)).isEqualTo("SHIPPED:" + sku + "x2");
		assertThat(outboxed(orderId, EventTypes.INVENTORY_RELEASED_V1)).isZero();
		assertThat(unexpected(orderId)).as("cancelled after shipping").containsExactly("SHIPPED");
	}

	@Test
	void releasesAndReservationsOfOneSkuSideBySideKeepEveryUnit() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 10);
		List<UUID> first = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			first.add(reserve(line(sku, 1)));
		}
		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(0, 10));

		List<UUID> events = new ArrayList<>();
		List<UUID> second = new ArrayList<>();
		for (UUID orderId : first) {
			events.add(publish(EventTypes.ORDER_CANCELLED_V1, orderId));
			UUID next = UUID.randomUUID();
			second.add(next);
			UUID placed = UUID.randomUUID();
			this.publisher.publish(EventTypes.ORDER_PLACED_V1, placed, orderPlaced(next, line(sku, 2)));
			events.add(placed);
		}
		events.forEach(this::awaitHandled);

		long reserved = second.stream()
			.filter((id) -> Inventory.reservation(this.jdbc, id).startsWith("RESERVED"))
			.count();
		assertThat(first).allSatisfy((id) -> assertThat(Inventory.reservation(this.jdbc, id)).startsWith("RELEASED"));
		assertThat(reserved).as("two-unit orders that fit once every release is in").isBetween(0L, 5L);
		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(10 - 2 * (int) reserved, 2 * (int) reserved));
	}

	/** Places an order and waits until it is reserved; returns its id. */
	private UUID reserve(Inventory.Line... lines) {
		UUID orderId = UUID.randomUUID();
		UUID placed = UUID.randomUUID();
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, placed, orderPlaced(orderId, lines));
		awaitHandled(placed);
		assertThat(Inventory.reservation(this.jdbc, orderId)).startsWith("RESERVED:");
		return orderId;
	}

	/** Publishes the golden example of an order event for this order; returns its id. */
	private UUID publish(EventType<?> type, UUID orderId) {
		UUID eventId = UUID.randomUUID();
		this.publisher.publish(type, eventId, EventPublisher.golden(type, orderId));
		return eventId;
	}

	private void awaitHandled(UUID eventId) {
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc
				.sql("select count(*) from messaging.inbox where consumer = 'inventory' and event_id = ?")
				.param(eventId)
				.query(Long.class)
				.single() == 1);
	}

	/** The first event of this type on {@code shop.inventory.v1} about an order. */
	private ConsumerRecord<String, byte[]> awaitEvent(UUID orderId, EventType<?> type) {
		this.inventoryEvents.awaitRecords(TIMEOUT, (records) -> !ofType(orderId, type).isEmpty());
		return ofType(orderId, type).getFirst();
	}

	private List<ConsumerRecord<String, byte[]>> ofType(UUID orderId, EventType<?> type) {
		return this.inventoryEvents.withKey(orderId.toString())
			.stream()
			.filter((r) -> type.name().equals(TopicReader.header(r, CloudEventHeaders.TYPE)))
			.toList();
	}

	/** Events of this type the service committed for publication about an order. */
	private long outboxed(UUID orderId, EventType<?> type) {
		return this.jdbc.sql("select count(*) from messaging.outbox where record_key = ? and event_type = ?")
			.params(orderId.toString(), type.name())
			.query(Long.class)
			.single();
	}

	/** The states in which events about the order were recorded as unexpected. */
	private List<String> unexpected(UUID orderId) {
		return this.jdbc.sql("select state from messaging.unexpected_event where subject = ? order by id")
			.param(orderId.toString())
			.query(String.class)
			.list();
	}

}
