package com.eventshop.shipping.shipment;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventTypes;
import com.eventshop.testsupport.EventSchemas;
import com.eventshop.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the life of a shipment: a confirmed order is dispatched once the warehouse delay
 * has passed, with a tracking number, and announced once as {@code ShipmentDispatched}; a
 * rejected or cancelled order is never dispatched; a requested cancellation is granted
 * (announced as {@code ShipmentCancelled}) while the shipment is in the warehouse and
 * recorded as too late after dispatch; and no redelivery changes any of it.
 */
class DispatchTests extends ShippingTestSupport {

	private static final Duration WAREHOUSE_DELAY = Duration.ofMillis(300);

	@Autowired
	ShipmentDispatcher dispatcher;

	@Test
	void aConfirmedOrderIsDispatchedAfterTheWarehouseDelayAndAnnouncedOnce() {
		UUID orderId = placed();

		UUID confirmation = publish(EventTypes.ORDER_CONFIRMED_V1, orderId);

		awaitStatus(orderId, "DISPATCHED");
		ConsumerRecord<String, byte[]> dispatched = awaitDispatchedEvent(orderId);
		assertThat(dispatched.key()).isEqualTo(orderId.toString());
		assertThat(TopicReader.header(dispatched, CloudEventHeaders.CAUSATION_ID)).isEqualTo(confirmation.toString());
		assertThat(EventSchemas.errors(EventTypes.SHIPMENT_DISPATCHED_V1.name(), dispatched.value())).isEmpty();
		JsonNode data = JSON.readTree(dispatched.value());
		JsonNode shipment = get(orderId);
		assertThat(shipment.get("status").asString()).isEqualTo("DISPATCHED");
		assertThat(shipment.get("trackingNumber").asString()).matches("ES[0-9]{9}DE")
			.isEqualTo(data.get("trackingNumber").asString());
		assertThat(shipment.get("carrier").asString()).isEqualTo("EventShop Post")
			.isEqualTo(data.get("carrier").asString());
		Instant dispatchedAt = Instant.parse(shipment.get("dispatchedAt").asString());
		assertThat(dispatchedAt).isEqualTo(Instant.parse(data.get("dispatchedAt").asString()))
			.as("not before the warehouse delay has passed since the confirmation")
			.isAfterOrEqualTo(handledAt(confirmation).plus(WAREHOUSE_DELAY));
		assertThat(shipment.get("cancellationOutcome").isNull()).isTrue();

		String before = snapshot(orderId);
		redeliver(EventTypes.ORDER_CONFIRMED_V1, confirmation, orderId);
		awaitHandled(publish(EventTypes.ORDER_CONFIRMED_V1, orderId));

		assertThat(snapshot(orderId)).isEqualTo(before);
		assertThat(dispatchedOutboxed(orderId)).isOne();
		assertThat(unexpected(orderId)).isEmpty();
	}

	@Test
	void aRejectedOrderIsCancelledAndNeverDispatched() {
		UUID orderId = placed();

		UUID rejection = publish(EventTypes.ORDER_REJECTED_V1, orderId);
		awaitStatus(orderId, "CANCELLED");
		String cancelled = snapshot(orderId);
		redeliver(EventTypes.ORDER_REJECTED_V1, rejection, orderId);
		awaitHandled(publish(EventTypes.ORDER_REJECTED_V1, orderId));
		awaitSentinelDispatched();

		assertThat(snapshot(orderId)).isEqualTo(cancelled);
		JsonNode shipment = get(orderId);
		assertThat(shipment.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(shipment.get("trackingNumber").isNull()).isTrue();
		assertThat(shipment.get("cancellationOutcome").isNull()).as("rejected, not cancelled by the customer").isTrue();
		assertThat(dispatchedOutboxed(orderId)).isZero();
	}

	@Test
	void anOrderCancelledWhileAwaitingStockIsNeverDispatched() {
		UUID orderId = placed();

		UUID cancellation = publish(EventTypes.ORDER_CANCELLED_V1, orderId);
		awaitStatus(orderId, "CANCELLED");
		String cancelled = snapshot(orderId);
		redeliver(EventTypes.ORDER_CANCELLED_V1, cancellation, orderId);
		awaitHandled(publish(EventTypes.ORDER_CANCELLED_V1, orderId));
		awaitHandled(publish(EventTypes.ORDER_CONFIRMED_V1, orderId));
		awaitSentinelDispatched();

		assertThat(snapshot(orderId)).isEqualTo(cancelled);
		assertCancelledByTheCustomer(orderId);
		assertThat(unexpected(orderId)).as("a confirmation after the cancellation").containsExactly("CANCELLED");
	}

	@Test
	void anOrderCancelledWhileReadyToDispatchIsNeverDispatched() {
		UUID orderId = placed();
		UUID cancellation;
		this.dispatcher.stop();
		try {
			awaitHandled(publish(EventTypes.ORDER_CONFIRMED_V1, orderId));
			assertThat(status(orderId)).isEqualTo("READY_TO_DISPATCH");

			cancellation = publish(EventTypes.ORDER_CANCELLED_V1, orderId);
			awaitStatus(orderId, "CANCELLED");
			this.jdbc.sql("update shipment set dispatch_due_at = ? where order_id = ?")
				.params(Timestamp.from(Instant.now().minusSeconds(60)), orderId)
				.update();
		}
		finally {
			this.dispatcher.start();
		}
		String cancelled = snapshot(orderId);
		redeliver(EventTypes.ORDER_CANCELLED_V1, cancellation, orderId);
		awaitHandled(publish(EventTypes.ORDER_CANCELLED_V1, orderId));
		awaitSentinelDispatched();

		assertThat(snapshot(orderId)).isEqualTo(cancelled);
		assertCancelledByTheCustomer(orderId);
		assertThat(unexpected(orderId)).isEmpty();
	}

	@Test
	void aCancellationRequestAfterDispatchLeavesTheShipmentDispatchedAndShowsItCameTooLate() {
		UUID orderId = placed();
		publish(EventTypes.ORDER_CONFIRMED_V1, orderId);
		awaitStatus(orderId, "DISPATCHED");
		String trackingNumber = get(orderId).get("trackingNumber").asString();

		UUID request = publish(EventTypes.ORDER_CANCELLATION_REQUESTED_V1, orderId);
		awaitHandled(request);
		String tooLate = snapshot(orderId);
		redeliver(EventTypes.ORDER_CANCELLATION_REQUESTED_V1, request, orderId);
		awaitHandled(publish(EventTypes.ORDER_CANCELLATION_REQUESTED_V1, orderId));

		assertThat(snapshot(orderId)).isEqualTo(tooLate);
		JsonNode shipment = get(orderId);
		assertThat(shipment.get("status").asString()).isEqualTo("DISPATCHED");
		assertThat(shipment.get("trackingNumber").asString()).isEqualTo(trackingNumber);
		assertThat(shipment.get("cancellationOutcome").asString()).isEqualTo("TOO_LATE");
		assertThat(shipment.get("cancellationRequestedAt").asString())
			.as("the golden OrderCancellationRequested's time")
			.isEqualTo("2026-11-01T10:20:00Z");
		assertThat(dispatchedOutboxed(orderId)).isOne();
		assertThat(outboxed(orderId, EventTypes.SHIPMENT_CANCELLED_V1)).as("the ShipmentDispatched is the answer")
			.isZero();
		assertThat(unexpected(orderId)).isEmpty();
	}

	@Test
	void aCancellationRequestedWhileReadyToDispatchIsGrantedAndTheShipmentNeverLeaves() {
		UUID orderId = placed();
		UUID request;
		this.dispatcher.stop();
		try {
			awaitHandled(publish(EventTypes.ORDER_CONFIRMED_V1, orderId));
			assertThat(status(orderId)).isEqualTo("READY_TO_DISPATCH");

			request = publish(EventTypes.ORDER_CANCELLATION_REQUESTED_V1, orderId);
			awaitStatus(orderId, "CANCELLED");
			this.jdbc.sql("update shipment set dispatch_due_at = ? where order_id = ?")
				.params(Timestamp.from(Instant.now().minusSeconds(60)), orderId)
				.update();
		}
		finally {
			this.dispatcher.start();
		}
		ConsumerRecord<String, byte[]> granted = awaitEvent(orderId, EventTypes.SHIPMENT_CANCELLED_V1);
		assertThat(granted.key()).isEqualTo(orderId.toString());
		assertThat(TopicReader.header(granted, CloudEventHeaders.CAUSATION_ID)).isEqualTo(request.toString());
		assertThat(EventSchemas.errors(EventTypes.SHIPMENT_CANCELLED_V1.name(), granted.value())).isEmpty();
		String cancelled = snapshot(orderId);
		redeliver(EventTypes.ORDER_CANCELLATION_REQUESTED_V1, request, orderId);
		awaitHandled(publish(EventTypes.ORDER_CANCELLATION_REQUESTED_V1, orderId));
		// The order service announces OrderCancelled once shipping granted it.
		awaitHandled(publish(EventTypes.ORDER_CANCELLED_V1, orderId));
		awaitSentinelDispatched();

		assertThat(snapshot(orderId)).isEqualTo(cancelled);
		assertCancelledByTheCustomer(orderId);
		assertThat(outboxed(orderId, EventTypes.SHIPMENT_CANCELLED_V1)).isOne();
		assertThat(unexpected(orderId)).isEmpty();
	}

	@Test
	void anOrderCancelledAfterItsShipmentWasDispatchedIsRecordedAsUnexpected() {
		UUID orderId = placed();
		publish(EventTypes.ORDER_CONFIRMED_V1, orderId);
		awaitStatus(orderId, "DISPATCHED");
		String dispatched = snapshot(orderId);

		awaitHandled(publish(EventTypes.ORDER_CANCELLED_V1, orderId));

		assertThat(snapshot(orderId)).isEqualTo(dispatched);
		assertThat(get(orderId).get("cancellationOutcome").isNull()).isTrue();
		assertThat(unexpected(orderId)).containsExactly("DISPATCHED");
	}

	private void assertCancelledByTheCustomer(UUID orderId) {
		JsonNode shipment = get(orderId);
		assertThat(shipment.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(shipment.get("trackingNumber").isNull()).isTrue();
		assertThat(shipment.get("dispatchedAt").isNull()).isTrue();
		assertThat(shipment.get("cancellationOutcome").asString()).isEqualTo("CANCELLED");
		assertThat(shipment.get("cancellationRequestedAt").asString()).isEqualTo("2026-11-01T10:20:00Z");
		assertThat(dispatchedOutboxed(orderId)).isZero();
	}

	/** When the consumer handled an event. */
	private Instant handledAt(UUID eventId) {
		return this.jdbc.sql("select handled_at from messaging.inbox where consumer = 'shipping' and event_id = ?")
			.param(eventId)
			.query(Timestamp.class)
			.single()
			.toInstant();
	}

}
