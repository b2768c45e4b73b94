package com.eventshop.order.ordering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.eventshop.order.ordering.OrderApi.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static com.eventshop.events.EventTypes.INVENTORY_RESERVED_V1;
import static com.eventshop.events.EventTypes.ORDER_CANCELLATION_REQUESTED_V1;
import static com.eventshop.events.EventTypes.ORDER_CANCELLED_V1;
import static com.eventshop.events.EventTypes.ORDER_CONFIRMED_V1;
import static com.eventshop.events.EventTypes.ORDER_PLACED_V1;
import static com.eventshop.order.ordering.OrderApi.assertProblem;
import static com.eventshop.order.ordering.OrderApi.problemType;
import static com.eventshop.order.ordering.SagaDriver.causation;
import static com.eventshop.order.ordering.SagaDriver.data;
import static com.eventshop.order.ordering.SagaDriver.event;
import static com.eventshop.order.ordering.SagaDriver.names;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves {@code POST /api/orders/{id}/cancel}: a pending order is cancelled once (200),
 * with a history entry and one {@code OrderCancelled} naming what was undone; a confirmed
 * one only asks shipping (202, CANCELLATION_REQUESTED, one
 * {@code OrderCancellationRequested} however often the customer asks); a shipped,
 * rejected or already cancelled order answers 409 and nothing changes; an unknown order
 * answers 404; and a cancellation racing the reservation of the same order always leaves
 * it in one of the two consistent outcomes.
 */
class OrderCancellationTests extends SagaTestSupport {

	@Test
	void cancellingAPendingOrderCancelsItOnceAndAnnouncesIt() {
		UUID orderId = this.saga.orderIn("PENDING");

		Response cancelled = this.saga.cancel(orderId);

		assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
		assertThat(cancelled.json()).isEqualTo(this.saga.order(orderId));
		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(this.saga.history(orderId)).containsExactly("PENDING", "CANCELLED: cancelled by customer");
		assertAnnounced(orderId, "PENDING", names(ORDER_PLACED_V1, ORDER_CANCELLED_V1));

		Response again = this.saga.cancel(orderId);

		assertThat(assertProblem(again, 409, problemType("order-not-cancellable")).get("orderStatus").asString())
			.isEqualTo("CANCELLED");
		assertThat(this.saga.order(orderId)).isEqualTo(cancelled.json());
		assertThat(this.saga.publishedTypes(orderId)).isEqualTo(names(ORDER_PLACED_V1, ORDER_CANCELLED_V1));
	}

	@Test
	void cancellingAConfirmedOrderAsksShippingAndAnswersAcceptedUntilItDecides() {
		UUID orderId = this.saga.orderIn("CONFIRMED");

		Response requested = this.saga.cancel(orderId);

		assertThat(requested.status()).as("%s", requested).isEqualTo(202);
		assertThat(requested.json()).isEqualTo(this.saga.order(orderId));
		assertThat(requested.json().get("status").asString()).isEqualTo("CANCELLATION_REQUESTED");
		assertThat(this.saga.history(orderId)).containsExactly("PENDING", "CONFIRMED: stock reserved",
				"CANCELLATION_REQUESTED: cancellation requested by customer; waiting for shipping");
		List<String> published = names(ORDER_PLACED_V1, ORDER_CONFIRMED_V1, ORDER_CANCELLATION_REQUESTED_V1);
		assertThat(this.saga.publishedTypes(orderId)).as("no OrderCancelled until shipping grants it")
			.isEqualTo(published);
		ConsumerRecord<String, byte[]> request = this.saga.lastPublished(orderId, ORDER_CANCELLATION_REQUESTED_V1);
		assertThat(causation(request)).as("a customer's request, not an event, caused it").isNull();
		JsonNode data = data(request);
		assertThat(data.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(data.get("customer")).isEqualTo(requested.json().get("customer"));
		assertThat(Instant.parse(data.get("requestedAt").asString()))
			.isEqualTo(Instant.parse(requested.json().at("/history/2/at").asString()));

		Response again = this.saga.cancel(orderId);

		assertThat(again.status()).as("%s", again).isEqualTo(202);
		assertThat(again.json()).isEqualTo(requested.json());
		assertThat(this.saga.publishedTypes(orderId)).as("asked once").isEqualTo(published);
	}

	@ParameterizedTest
	@ValueSource(strings = { "SHIPPED", "REJECTED", "CANCELLED" })
	void orderThatIsShippedRejectedOrCancelledCannotBeCancelled(String status) {
		UUID orderId = this.saga.orderIn(status);
		JsonNode before = this.saga.order(orderId);
		List<String> published = this.saga.publishedTypes(orderId);

		JsonNode problem = assertProblem(this.saga.cancel(orderId), 409, problemType("order-not-cancellable"));

		assertThat(problem.get("orderStatus").asString()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).contains(orderId.toString()).contains(status);
		assertThat(this.saga.order(orderId)).isEqualTo(before);
		assertThat(this.saga.publishedTypes(orderId)).isEqualTo(published);
	}

	@Test
	void cancellingAnUnknownOrderIsNotFound() {
		UUID unknown = UUID.randomUUID();

		JsonNode problem = assertProblem(this.saga.cancel(unknown), 404, problemType("not-found"));

		assertThat(problem.get("detail").asString()).contains(unknown.toString());
	}

	/**
	 * Ten orders, each cancelled at the moment its reservation is published. Whichever
	 * wins the order's row lock, the order ends in one of two consistent ways: confirmed,
	 * then a cancellation requested from shipping (202, OrderConfirmed then
	 * OrderCancellationRequested, no OrderCancelled yet), or cancelled while pending with
	 * the reservation only noted (200, OrderCancelled undoing PENDING, no OrderConfirmed
	 * ever).
	 */
	@Test
	void cancellationRacingTheReservationLeavesEveryOrderConsistent() throws Exception {
		int orders = 10;
		List<UUID> orderIds = new ArrayList<>();
		List<UUID> reservations = new ArrayList<>();
		for (int i = 0; i < orders; i++) {
			orderIds.add(this.saga.place());
			reservations.add(UUID.randomUUID());
		}
		CyclicBarrier start = new CyclicBarrier(2 * orders);
		List<Future<Response>> cancellations = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(2 * orders)) {
			for (int i = 0; i < orders; i++) {
				UUID orderId = orderIds.get(i);
				UUID reservation = reservations.get(i);
				pool.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					this.saga.publishOnly(INVENTORY_RESERVED_V1, reservation, event(INVENTORY_RESERVED_V1, orderId));
					return null;
				});
				cancellations.add(pool.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return this.saga.cancel(orderId);
				}));
			}
			for (Future<Response> cancellation : cancellations) {
				Response response = cancellation.get(60, TimeUnit.SECONDS);
				String status = response.json().get("status").asString();
				assertThat(status).as("%s", response).isIn("CANCELLED", "CANCELLATION_REQUESTED");
				assertThat(response.status()).as("%s", response).isEqualTo("CANCELLED".equals(status) ? 200 : 202);
			}
		}
		reservations.forEach(this.saga::awaitHandled);

		for (UUID orderId : orderIds) {
			List<String> types = this.saga.publishedTypes(orderId);
			if (types.contains(ORDER_CONFIRMED_V1.name())) {
				assertThat(this.saga.order(orderId).get("status").asString()).isEqualTo("CANCELLATION_REQUESTED");
				assertThat(this.saga.history(orderId)).as("confirmed, then a cancellation requested")
					.containsExactly("PENDING", "CONFIRMED: stock reserved",
							"CANCELLATION_REQUESTED: cancellation requested by customer; waiting for shipping");
				assertThat(types)
					.isEqualTo(names(ORDER_PLACED_V1, ORDER_CONFIRMED_V1, ORDER_CANCELLATION_REQUESTED_V1));
			}
			else {
				assertThat(this.saga.order(orderId).get("status").asString()).isEqualTo("CANCELLED");
				assertThat(this.saga.history(orderId)).as("cancelled, then reserved")
					.containsExactly("PENDING", "CANCELLED: cancelled by customer",
							"CANCELLED/RESERVED_AFTER_CANCELLATION: reserved after cancellation; inventory releases it");
				assertAnnounced(orderId, "PENDING", names(ORDER_PLACED_V1, ORDER_CANCELLED_V1));
			}
		}
	}

	/**
	 * Checks that exactly these events are published about the order, the last an
	 * {@code OrderCancelled} of the customer's request (no causing event) that undid the
	 * given status at the time the history shows.
	 */
	private void assertAnnounced(UUID orderId, String previousStatus, List<String> types) {
		assertThat(this.saga.publishedTypes(orderId)).isEqualTo(types);
		ConsumerRecord<String, byte[]> cancelled = this.saga.lastPublished(orderId, ORDER_CANCELLED_V1);
		assertThat(causation(cancelled)).as("a customer's request, not an event, caused it").isNull();
		JsonNode order = this.saga.order(orderId);
		JsonNode data = data(cancelled);
		assertThat(data.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(data.get("customer")).isEqualTo(order.get("customer"));
		assertThat(data.get("previousStatus").asString()).isEqualTo(previousStatus);
		JsonNode cancellation = order.get("history")
			.valueStream()
			.filter((entry) -> "CANCELLED".equals(entry.get("status").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(Instant.parse(data.get("cancelledAt").asString()))
			.isEqualTo(Instant.parse(cancellation.get("at").asString()));
	}

}
