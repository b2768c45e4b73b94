package com.eventshop.analytics.facts;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.testsupport.EventPublisher;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * Announces placed orders and their outcomes as the order service would, on the real
 * broker, and waits until the analytics consumer has handled them.
 */
final class PlacedOrders {

	static final Duration TIMEOUT = Duration.ofMinutes(3);

	private final EventPublisher publisher;

	private final JdbcClient jdbc;

	/**
	 * @param publisher the test context's publisher, which the context closes
	 */
	PlacedOrders(EventPublisher publisher, JdbcClient jdbc) {
		this.publisher = publisher;
		this.jdbc = jdbc;
	}

	/**
	 * A valid {@code OrderPlaced} of a new order, its total the exact sum of its lines.
	 * @param placedAt an ISO-8601 instant, the event time aggregates go by
	 */
	static ObjectNode order(String placedAt, String currency, Line... lines) {
		ObjectNode order = EventPublisher.golden(EventTypes.ORDER_PLACED_V1, UUID.randomUUID());
		ArrayNode array = order.putArray("lines");
		BigDecimal total = BigDecimal.ZERO;
		for (Line line : lines) {
			array.addObject()
				.put("sku", line.sku())
				.put("productName", "Product " + line.sku())
				.put("quantity", line.quantity())
				.put("unitPrice", line.unitPrice());
			total = total.add(new BigDecimal(line.unitPrice()).multiply(BigDecimal.valueOf(line.quantity())));
		}
		order.put("total", total.toPlainString());
		order.put("currency", currency);
		order.put("placedAt", placedAt);
		return order;
	}

	/**
	 * An outcome of an order: {@code OrderConfirmed}, {@code OrderRejected},
	 * {@code OrderShipped} or {@code OrderCancelled} (of a confirmed order; change
	 * {@code previousStatus} for a pending one).
	 * @param at an ISO-8601 instant, when the outcome happened
	 */
	static ObjectNode outcome(EventType<?> type, ObjectNode order, String at) {
		ObjectNode event = EventPublisher.golden(type, orderId(order));
		String time = switch (type.name()) {
			case "shop.order.confirmed.v1" -> "confirmedAt";
			case "shop.order.rejected.v1" -> "rejectedAt";
			case "shop.order.shipped.v1" -> "shippedAt";
			case "shop.order.cancelled.v1" -> "cancelledAt";
			default -> throw new IllegalArgumentException("Not an outcome: " + type.name());
		};
		return event.put(time, at);
	}

	static Line line(String sku, int quantity, String unitPrice) {
		return new Line(sku, quantity, unitPrice);
	}

	static UUID orderId(ObjectNode order) {
		return UUID.fromString(order.get("orderId").asString());
	}

	/** Publishes the order under a new event id, and returns that id. */
	UUID publish(ObjectNode order) {
		UUID eventId = UUID.randomUUID();
		publish(eventId, order);
		return eventId;
	}

	/**
	 * Publishes the order under the given event id: a redelivery if it was used before.
	 */
	void publish(UUID eventId, ObjectNode order) {
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, eventId, order);
	}

	/** Publishes an event under a new event id, and returns that id. */
	UUID publish(EventType<?> type, ObjectNode event) {
		UUID eventId = UUID.randomUUID();
		this.publisher.publish(type, eventId, event);
		return eventId;
	}

	/**
	 * Publishes an event under the given event id: a redelivery if it was used before.
	 */
	void publish(EventType<?> type, UUID eventId, ObjectNode event) {
		this.publisher.publish(type, eventId, event);
	}

	/**
	 * Announces the same outcome of each order, at one instant, and waits until every one
	 * is handled.
	 */
	void decide(EventType<?> type, String at, ObjectNode... orders) {
		UUID[] eventIds = new UUID[orders.length];
		for (int i = 0; i < orders.length; i++) {
			eventIds[i] = publish(type, outcome(type, orders[i], at));
		}
		awaitHandled(eventIds);
	}

	/** Waits until the consumer has handled every one of these events. */
	void awaitHandled(UUID... eventIds) {
		for (UUID eventId : eventIds) {
			await().atMost(TIMEOUT)
				.until(() -> this.jdbc.sql("select count(*) from messaging.inbox where consumer = ? and event_id = ?")
					.params("analytics", eventId)
					.query(Long.class)
					.single() == 1);
		}
	}

	/**
	 * One line of an order.
	 *
	 * @param sku the product
	 * @param quantity units
	 * @param unitPrice price of one, a decimal string
	 */
	record Line(String sku, int quantity, String unitPrice) {
	}

}
