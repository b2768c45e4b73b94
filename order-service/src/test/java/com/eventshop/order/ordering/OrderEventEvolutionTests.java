package com.eventshop.order.ordering;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static com.eventshop.events.EventTypes.INVENTORY_REJECTED_V1;
import static com.eventshop.events.EventTypes.INVENTORY_RESERVED_V1;
import static com.eventshop.events.EventTypes.SHIPMENT_DISPATCHED_V1;
import static com.eventshop.order.ordering.SagaDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order service as a reader of inventory and shipping events while their writers
 * evolve: a newer writer's event (properties this build has never heard of) moves the
 * order exactly as the current one does, and a version this build does not know is
 * dead-lettered with its reason, without holding up the order's later events.
 */
class OrderEventEvolutionTests extends SagaTestSupport {

	@Test
	void newerWritersOfReservationAndDispatchAreHandledUnchanged() {
		UUID orderId = this.saga.place();
		ObjectNode reserved = event(INVENTORY_RESERVED_V1, orderId);
		reserved.put("warehouse", "north");
		reserved.get("lines").forEach((line) -> ((ObjectNode) line).put("bin", "A-3"));
		this.saga.publish(INVENTORY_RESERVED_V1, reserved);
		assertThat(this.saga.order(orderId).get("status").asString()).isEqualTo("CONFIRMED");

		ObjectNode dispatched = event(SHIPMENT_DISPATCHED_V1, orderId);
		dispatched.put("estimatedDelivery", "2026-11-04");
		dispatched.putObject("parcel").put("weightGrams", 850);
		this.saga.publish(SHIPMENT_DISPATCHED_V1, dispatched);

		JsonNode order = this.saga.order(orderId);
		assertThat(order.get("status").asString()).isEqualTo("SHIPPED");
		assertThat(order.get("trackingNumber").asString()).isEqualTo("ES123456789DE");
		assertThat(this.saga.deadLettered(orderId)).isEmpty();
	}

	@Test
	void aNewerWriterOfARejectionIsHandledUnchanged() {
		UUID orderId = this.saga.place();
		ObjectNode rejected = event(INVENTORY_REJECTED_V1, orderId);
		rejected.put("restockExpected", "2026-12-01");
		rejected.get("shortLines").forEach((line) -> ((ObjectNode) line).put("supplier", "ACME"));
		this.saga.publish(INVENTORY_REJECTED_V1, rejected);

		assertThat(this.saga.order(orderId).get("status").asString()).isEqualTo("REJECTED");
		assertThat(this.saga.deadLettered(orderId)).isEmpty();
	}

	@Test
	void aVersionThisBuildDoesNotKnowIsDeadLetteredAndTheOrdersNextEventIsHandled() {
		UUID orderId = this.saga.place();
		String key = orderId.toString();
		try (EventPublisher publisher = new EventPublisher(this.infrastructure.kafkaBootstrapServers())) {
			publisher.publish(Topics.INVENTORY, key, "shop.inventory.reserved.v2", UUID.randomUUID(),
					EventPublisher.bytes(event(INVENTORY_RESERVED_V1, orderId)));
			publisher.publish(Topics.INVENTORY, key, "shop.inventory.recounted.v1", UUID.randomUUID(),
					"{}".getBytes(StandardCharsets.UTF_8));
		}
		this.saga.publish(EventTypes.INVENTORY_RESERVED_V1, orderId);

		assertThat(this.saga.order(orderId).get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(this.saga.deadLettered(orderId))
			.extracting((record) -> TopicReader.header(record, "eventshop_dlt_reason"))
			.containsExactly("UNKNOWN_VERSION", "UNKNOWN_TYPE");
	}

}
