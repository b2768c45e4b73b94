package com.eventshop.shipping.shipment;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.testsupport.TestTokens;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TestInfrastructure;
import com.eventshop.testsupport.TopicReader;
import com.eventshop.testsupport.TopicReaders;
import com.eventshop.testsupport.http.ServiceClient;
import com.eventshop.testsupport.http.ServiceClient.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * What the dispatch tests share: publishing an order's events as the order service would,
 * reading the shipment (from the database and over HTTP) and the
 * {@code ShipmentDispatched} events the service committed and published.
 */
@ShippingServiceTest
abstract class ShippingTestSupport {

	static final Duration TIMEOUT = Duration.ofMinutes(3);

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestInfrastructure infrastructure;

	@LocalServerPort
	int port;

	@Autowired
	EventPublisher publisher;

	@Autowired
	TopicReaders topics;

	TopicReader shippingEvents;

	@BeforeEach
	void readShippingEvents() {
		// closed by the test infrastructure after each test
		this.shippingEvents = this.topics.open(Topics.SHIPPING);
	}

	/** Publishes the golden example of an order event for this order; returns its id. */
	UUID publish(EventType<?> type, UUID orderId) {
		UUID eventId = UUID.randomUUID();
		this.publisher.publish(type, eventId, EventPublisher.golden(type, orderId));
		return eventId;
	}

	/** Publishes an event again under the same {@code ce_id}, as a redelivery would. */
	void redeliver(EventType<?> type, UUID eventId, UUID orderId) {
		this.publisher.publish(type, eventId, EventPublisher.golden(type, orderId));
	}

	/** Places an order and waits for its shipment; returns the order id. */
	UUID placed() {
		UUID orderId = UUID.randomUUID();
		publish(EventTypes.ORDER_PLACED_V1, orderId);
		awaitStatus(orderId, "AWAITING_STOCK");
		return orderId;
	}

	void awaitHandled(UUID eventId) {
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc
				.sql("select count(*) from messaging.inbox where consumer = 'shipping' and event_id = ?")
				.param(eventId)
				.query(Long.class)
				.single() == 1);
	}

	void awaitStatus(UUID orderId, String status) {
		await().atMost(TIMEOUT).until(() -> status.equals(status(orderId)));
	}

	String status(UUID orderId) {
		return this.jdbc.sql("select status from shipment where order_id = ?")
			.param(orderId)
			.query(String.class)
			.optional()
			.orElse("");
	}

	/** Everything that may change about a shipment, as text. */
	String snapshot(UUID orderId) {
		return this.jdbc.sql("""
				select concat_ws(',', status, tracking_number, carrier, dispatched_at, dispatch_due_at,
				                 cancellation_requested_at, cancellation_outcome, updated_at)
				from shipment where order_id = ?""").param(orderId).query(String.class).single();
	}

	/** {@code ShipmentDispatched} events committed for publication about an order. */
	long dispatchedOutboxed(UUID orderId) {
		return outboxed(orderId, EventTypes.SHIPMENT_DISPATCHED_V1);
	}

	/** Events of a type committed for publication about an order. */
	long outboxed(UUID orderId, EventType<?> type) {
		return this.jdbc.sql("select count(*) from messaging.outbox where record_key = ? and event_type = ?")
			.params(orderId.toString(), type.name())
			.query(Long.class)
			.single();
	}

	/** Waits for the order's {@code ShipmentDispatched} on {@code shop.shipping.v1}. */
	ConsumerRecord<String, byte[]> awaitDispatchedEvent(UUID orderId) {
		return awaitEvent(orderId, EventTypes.SHIPMENT_DISPATCHED_V1);
	}

	/** Waits for an event of the order on {@code shop.shipping.v1}. */
	ConsumerRecord<String, byte[]> awaitEvent(UUID orderId, EventType<?> type) {
		this.shippingEvents.awaitRecords(TIMEOUT, (records) -> !events(orderId, type).isEmpty());
		return events(orderId, type).getFirst();
	}

	List<ConsumerRecord<String, byte[]>> dispatchedEvents(UUID orderId) {
		return events(orderId, EventTypes.SHIPMENT_DISPATCHED_V1);
	}

	List<ConsumerRecord<String, byte[]>> events(UUID orderId, EventType<?> type) {
		return this.shippingEvents.withKey(orderId.toString())
			.stream()
			.filter((r) -> type.name().equals(TopicReader.header(r, CloudEventHeaders.TYPE)))
			.toList();
	}

	/** The states in which events about the order were recorded as unexpected. */
	List<String> unexpected(UUID orderId) {
		return this.jdbc.sql("select state from messaging.unexpected_event where subject = ? order by id")
			.param(orderId.toString())
			.query(String.class)
			.list();
	}

	/**
	 * Proves that the dispatcher has run since now: a new order, confirmed now, is
	 * dispatched. Anything that was due before it and still is not dispatched never will
	 * be.
	 */
	void awaitSentinelDispatched() {
		UUID sentinel = placed();
		publish(EventTypes.ORDER_CONFIRMED_V1, sentinel);
		awaitStatus(sentinel, "DISPATCHED");
	}

	/** The shipment over HTTP. */
	JsonNode get(UUID orderId) {
		Response response = new ServiceClient(this.port).get("/api/shipments/" + orderId,
				TestTokens.bearer(TestTokens.operator()));
		if (response.status() != 200) {
			throw new IllegalStateException(response.toString());
		}
		return response.json();
	}

}
