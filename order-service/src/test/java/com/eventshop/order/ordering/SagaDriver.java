package com.eventshop.order.ordering;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.EventSchemas;
import com.eventshop.testsupport.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives orders through the saga in tests: places them over HTTP, publishes what
 * inventory and shipping would report, waits until the {@code order} consumer handled it,
 * and reads back the order and everything the service published about it.
 */
final class SagaDriver implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofMinutes(3);

	static final String GROUP = "order";

	private final OrderApi api;

	private final JdbcClient jdbc;

	private final MeterRegistry meters;

	private final EventPublisher publisher;

	private final TopicReader orders;

	private final TopicReader deadLetters;

	/**
	 * @param publisher the test context's publisher, which the context closes
	 */
	SagaDriver(OrderApi api, JdbcClient jdbc, MeterRegistry meters, EventPublisher publisher, String bootstrapServers) {
		this.api = api;
		this.jdbc = jdbc;
		this.meters = meters;
		this.publisher = publisher;
		this.orders = new TopicReader(bootstrapServers, Topics.ORDERS);
		this.deadLetters = new TopicReader(bootstrapServers, Topics.deadLetter(Topics.INVENTORY, GROUP));
	}

	/** Places a valid order (two MUG-001) over HTTP. */
	UUID place() {
		return place(OrderApi.validOrder());
	}

	UUID place(ObjectNode request) {
		OrderApi.Response placed = this.api.placeOrder(OrderApi.json(request));
		assertThat(placed.status()).as("%s", placed).isEqualTo(201);
		return placed.orderId();
	}

	/**
	 * Places an order and drives it into a status the way the saga would.
	 * @return the order
	 */
	UUID orderIn(String status) {
		UUID orderId = place();
		switch (status) {
			case "PENDING" -> {
			}
			case "CONFIRMED" -> publish(EventTypes.INVENTORY_RESERVED_V1, orderId);
			case "REJECTED" -> publish(EventTypes.INVENTORY_REJECTED_V1, orderId);
			case "SHIPPED" -> {
				publish(EventTypes.INVENTORY_RESERVED_V1, orderId);
				publish(EventTypes.SHIPMENT_DISPATCHED_V1, orderId);
			}
			case "CANCELLATION_REQUESTED" -> {
				publish(EventTypes.INVENTORY_RESERVED_V1, orderId);
				assertThat(cancel(orderId).status()).isEqualTo(202);
			}
			case "CANCELLED" -> assertThat(cancel(orderId).status()).isEqualTo(200);
			default -> throw new IllegalArgumentException("No such status: " + status);
		}
		assertThat(order(orderId).get("status").asString()).isEqualTo(status);
		return orderId;
	}

	/** The API as the customer whose orders this driver places. */
	OrderApi api() {
		return this.api;
	}

	OrderApi.Response cancel(UUID orderId) {
		return this.api.cancel(orderId);
	}

	/** The order as {@code GET /api/orders/{id}} shows it. */
	JsonNode order(UUID orderId) {
		OrderApi.Response response = this.api.get("/api/orders/" + orderId);
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		return response.json();
	}

	/**
	 * The order's history entries as {@code status[/note]: reason}, checked to be oldest
	 * first.
	 */
	List<String> history(UUID orderId) {
		JsonNode history = order(orderId).get("history");
		assertThat(history.valueStream().map((change) -> Instant.parse(change.get("at").asString())).toList())
			.as("times of %s", history)
			.isSorted();
		return history.valueStream().map(SagaDriver::entry).toList();
	}

	private static String entry(JsonNode change) {
		String label = change.get("status").asString()
				+ (change.has("note") ? "/" + change.get("note").asString() : "");
		return change.has("reason") ? label + ": " + change.get("reason").asString() : label;
	}

	/**
	 * The golden example of an event about this order, to adjust before publishing. An
	 * {@code InventoryReserved} reserves the lines of {@link #place()}'s order (two
	 * MUG-001): the saga confirms only a reservation of the order's own lines.
	 */
	static ObjectNode event(EventType<?> type, UUID orderId) {
		ObjectNode event = EventPublisher.golden(type, orderId);
		if (type.equals(EventTypes.INVENTORY_RESERVED_V1)) {
			event.putArray("lines").addObject().put("sku", "MUG-001").put("quantity", 2);
		}
		return event;
	}

	/**
	 * Publishes an event as another service would and waits until the {@code order}
	 * consumer handled it.
	 * @return its id ({@code ce_id})
	 */
	UUID publish(EventType<?> type, ObjectNode data) {
		UUID eventId = UUID.randomUUID();
		publishOnly(type, eventId, data);
		awaitHandled(eventId);
		return eventId;
	}

	/** Publishes the golden example of a type for the order and waits until handled. */
	UUID publish(EventType<?> type, UUID orderId) {
		return publish(type, event(type, orderId));
	}

	void publishOnly(EventType<?> type, UUID eventId, ObjectNode data) {
		this.publisher.publish(type, eventId, data);
	}

	void awaitHandled(UUID eventId) {
		awaiting("event " + eventId + " handled")
			.until(() -> this.jdbc.sql("select count(*) from messaging.inbox where consumer = ? and event_id = ?")
				.params(GROUP, eventId)
				.query(Long.class)
				.single() == 1);
	}

	/**
	 * Publishes an event again with the same id and waits until the consumer skipped it
	 * as a duplicate.
	 */
	void redeliver(EventType<?> type, UUID eventId, ObjectNode data) {
		double before = duplicates();
		this.publisher.publish(type, eventId, data);
		awaiting("redelivery of " + eventId + " skipped").until(() -> duplicates() > before);
	}

	/** Waits for a database condition, checking at once and then often. */
	private static ConditionFactory awaiting(String what) {
		return await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).alias(what);
	}

	private double duplicates() {
		Counter counter = this.meters.find("eventshop.consumer.duplicates").tag("group", GROUP).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Everything on {@code shop.orders.v1} about the order, in topic order, once every
	 * event the service stored for it is published. Each one is checked against its
	 * schema.
	 */
	List<ConsumerRecord<String, byte[]>> published(UUID orderId) {
		String key = orderId.toString();
		awaiting("events of " + key + " published").until(() -> this.jdbc
			.sql("select count(*) from messaging.outbox where record_key = ? and published_at is null")
			.param(key)
			.query(Long.class)
			.single() == 0);
		long stored = this.jdbc.sql("select count(*) from messaging.outbox where record_key = ?")
			.param(key)
			.query(Long.class)
			.single();
		if (this.orders.withKey(key).size() < stored) {
			this.orders.awaitRecords(TIMEOUT, (records) -> this.orders.withKey(key).size() >= stored);
		}
		List<ConsumerRecord<String, byte[]>> records = this.orders.withKey(key);
		for (ConsumerRecord<String, byte[]> record : records) {
			assertThat(EventSchemas.errors(type(record), record.value())).as("schema errors of %s", type(record))
				.isEmpty();
		}
		return records;
	}

	/** The types of the events on {@code shop.orders.v1} about the order. */
	List<String> publishedTypes(UUID orderId) {
		return published(orderId).stream().map(SagaDriver::type).toList();
	}

	/** The last event of a type on {@code shop.orders.v1} about the order. */
	ConsumerRecord<String, byte[]> lastPublished(UUID orderId, EventType<?> type) {
		return published(orderId).stream()
			.filter((record) -> type.name().equals(type(record)))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("No " + type.name() + " for order " + orderId));
	}

	static JsonNode data(ConsumerRecord<String, byte[]> record) {
		return OrderApi.JSON.readTree(record.value());
	}

	static String type(ConsumerRecord<String, byte[]> record) {
		return TopicReader.header(record, CloudEventHeaders.TYPE);
	}

	static String causation(ConsumerRecord<String, byte[]> record) {
		return TopicReader.header(record, CloudEventHeaders.CAUSATION_ID);
	}

	/** What {@code messaging.unexpected_event} holds about an event. */
	List<String> unexpected(UUID eventId) {
		return this.jdbc.sql("""
				select consumer || ' ' || event_type || ' ' || subject || ' in ' || state
				from messaging.unexpected_event where event_id = ?""").param(eventId).query(String.class).list();
	}

	/** The order's records in the consumer's dead-letter topic of inventory events. */
	List<ConsumerRecord<String, byte[]>> deadLettered(UUID orderId) {
		long end = this.deadLetters.endOffsetSum();
		if (end > 0) {
			this.deadLetters.awaitRecords(TIMEOUT, (records) -> records.size() >= end);
		}
		return this.deadLetters.withKey(orderId.toString());
	}

	/** The names of event types, e.g. to compare with {@link #publishedTypes(UUID)}. */
	static List<String> names(EventType<?>... types) {
		return Arrays.stream(types).map(EventType::name).toList();
	}

	@Override
	public void close() {
		this.orders.close();
		this.deadLetters.close();
	}

}
