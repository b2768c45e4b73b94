package com.eventshop.inventory.stock;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
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
 * Proves that an order is reserved in full or not at all: stock moves from available to
 * reserved by exactly the ordered quantities, or does not move, and the outcome is
 * announced on {@code shop.inventory.v1} as a valid event caused by the
 * {@code OrderPlaced}.
 */
class ReservationTests extends InventoryTestSupport {

	@Test
	void reservesEveryLineWhenAllFitAndAnnouncesIt() {
		String mugs = Inventory.newSku();
		String lamps = Inventory.newSku();
		Inventory.stock(this.jdbc, mugs, 5);
		Inventory.stock(this.jdbc, lamps, 3);
		UUID orderId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();

		this.publisher.publish(EventTypes.ORDER_PLACED_V1, eventId,
				orderPlaced(orderId, line(mugs, 2), line(lamps, 3)));

		ConsumerRecord<String, byte[]> reserved = awaitEventOf(orderId);
		assertThat(Inventory.level(this.jdbc, mugs)).isEqualTo(new Level(3, 2));
		assertThat(Inventory.level(this.jdbc, lamps)).isEqualTo(new Level(0, 3));
		assertThat(TopicReader.header(reserved, CloudEventHeaders.TYPE))
			.isEqualTo(EventTypes.INVENTORY_RESERVED_V1.name());
		assertThat(TopicReader.header(reserved, CloudEventHeaders.CAUSATION_ID)).isEqualTo(eventId.toString());
		assertThat(EventSchemas.errors(EventTypes.INVENTORY_RESERVED_V1.name(), reserved.value())).isEmpty();
		JsonNode data = JSON.readTree(reserved.value());
		assertThat(data.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(lines(data.get("lines"), "quantity")).containsExactlyInAnyOrder(mugs + "x2", lamps + "x3");
		assertThat(Inventory.reservation(this.jdbc, orderId)).startsWith("RESERVED:")
			.contains(mugs + "x2", lamps + "x3");
	}

	@Test
	void theTraceOfTheOrderContinuesOnTheInventoryEvent() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 1);
		UUID orderId = UUID.randomUUID();
		String traceId = UUID.randomUUID().toString().replace("-", "");

		this.publisher.publish(Topics.ORDERS, orderId.toString(), EventTypes.ORDER_PLACED_V1.name(), UUID.randomUUID(),
				EventPublisher.bytes(orderPlaced(orderId, line(sku, 1))),
				Map.of(CloudEventHeaders.TRACEPARENT, "00-" + traceId + "-b7ad6b7169203331-01"));

		ConsumerRecord<String, byte[]> reserved = awaitEventOf(orderId);
		assertThat(TopicReader.header(reserved, CloudEventHeaders.TRACEPARENT)).as("same trace, new span")
			.startsWith("00-" + traceId + "-")
			.doesNotContain("b7ad6b7169203331");
	}

	@Test
	void rejectsTheWholeOrderWhenOneLineIsShort() {
		String plenty = Inventory.newSku();
		String scarce = Inventory.newSku();
		Inventory.stock(this.jdbc, plenty, 50);
		Inventory.stock(this.jdbc, scarce, 1);
		UUID orderId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();

		this.publisher.publish(EventTypes.ORDER_PLACED_V1, eventId,
				orderPlaced(orderId, line(plenty, 2), line(scarce, 3)));

		ConsumerRecord<String, byte[]> rejected = awaitEventOf(orderId);
		assertThat(Inventory.level(this.jdbc, plenty)).as("nothing reserved").isEqualTo(new Level(50, 0));
		assertThat(Inventory.level(this.jdbc, scarce)).isEqualTo(new Level(1, 0));
		assertRejected(rejected, eventId, scarce + ":3/1");
		assertThat(Inventory.reservation(this.jdbc, orderId)).startsWith("REJECTED:");
	}

	@Test
	void rejectsAnOrderWithAnUnknownSkuAsIfItHadNoStock() {
		String known = Inventory.newSku();
		String unknown = Inventory.newSku();
		Inventory.stock(this.jdbc, known, 10);
		UUID orderId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();

		this.publisher.publish(EventTypes.ORDER_PLACED_V1, eventId,
				orderPlaced(orderId, line(known, 1), line(unknown, 2)));

		ConsumerRecord<String, byte[]> rejected = awaitEventOf(orderId);
		assertThat(Inventory.level(this.jdbc, known)).isEqualTo(new Level(10, 0));
		assertThat(this.jdbc.sql("select count(*) from stock where sku = ?").param(unknown).query(Long.class).single())
			.as("an unknown SKU is not created")
			.isZero();
		assertRejected(rejected, eventId, unknown + ":2/0");
	}

	@Test
	void repeatedLinesOfOneSkuAreCheckedAndReservedAsTheirSum() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 4);
		UUID tooMany = UUID.randomUUID();
		UUID fits = UUID.randomUUID();

		this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(),
				orderPlaced(tooMany, line(sku, 2), line(sku, 3)));
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(),
				orderPlaced(fits, line(sku, 1), line(sku, 3)));

		assertThat(lines(JSON.readTree(awaitEventOf(tooMany).value()).get("shortLines"), "requested"))
			.containsExactly(sku + "x5");
		awaitEventOf(fits);
		assertThat(Inventory.reservation(this.jdbc, fits)).isEqualTo("RESERVED:" + sku + "x4");
		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(0, 4));
	}

	@Test
	void theSameOrderAnnouncedAgainUnderAnotherEventIdChangesNothing() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 10);
		UUID orderId = UUID.randomUUID();
		UUID again = UUID.randomUUID();

		this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(), orderPlaced(orderId, line(sku, 3)));
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, again, orderPlaced(orderId, line(sku, 3)));

		await().atMost(TIMEOUT)
			.until(() -> this.jdbc.sql("select count(*) from messaging.inbox where event_id = ?")
				.param(again)
				.query(Long.class)
				.single() == 1);
		awaitEventOf(orderId);
		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(7, 3));
		assertThat(Inventory.reservation(this.jdbc, orderId)).isEqualTo("RESERVED:" + sku + "x3");
		assertThat(this.inventoryEvents.poll()).filteredOn((r) -> orderId.toString().equals(r.key())).hasSize(1);
	}

	/** The first event on {@code shop.inventory.v1} about an order. */
	private ConsumerRecord<String, byte[]> awaitEventOf(UUID orderId) {
		String key = orderId.toString();
		this.inventoryEvents.awaitRecords(TIMEOUT, (records) -> !this.inventoryEvents.withKey(key).isEmpty());
		return this.inventoryEvents.withKey(key).getFirst();
	}

	/**
	 * Asserts an {@code InventoryRejected} caused by the event, naming exactly these
	 * short lines as {@code sku:requested/available}.
	 */
	private static void assertRejected(ConsumerRecord<String, byte[]> record, UUID causedBy, String... shortLines) {
		assertThat(TopicReader.header(record, CloudEventHeaders.TYPE))
			.isEqualTo(EventTypes.INVENTORY_REJECTED_V1.name());
		assertThat(TopicReader.header(record, CloudEventHeaders.CAUSATION_ID)).isEqualTo(causedBy.toString());
		assertThat(EventSchemas.errors(EventTypes.INVENTORY_REJECTED_V1.name(), record.value())).isEmpty();
		List<String> named = JSON.readTree(record.value())
			.get("shortLines")
			.valueStream()
			.map((line) -> line.get("sku").asString() + ":" + line.get("requested").asInt() + "/"
					+ line.get("available").asInt())
			.toList();
		assertThat(named).containsExactlyInAnyOrder(shortLines);
	}

	/** Lines of an event as {@code SKUxN}, N from the given field. */
	private static List<String> lines(JsonNode lines, String quantityField) {
		return lines.valueStream()
			.map((line) -> line.get("sku").asString() + "x" + line.get(quantityField).asInt())
			.toList();
	}

}
