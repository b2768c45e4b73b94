package com.eventshop.order.ordering;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.eventshop.order.ordering.OrderApi.assertProblem;
import static com.eventshop.order.ordering.OrderApi.problemType;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves {@code GET /api/orders/{id}?at=}: at any instant the order shows the status its
 * history had then, with the history up to then and the tracking number only once it had
 * shipped; before it was placed it does not exist; another customer never sees it.
 */
class OrderTimeTravelTests extends SagaTestSupport {

	@Test
	void atEveryInstantTheOrderShowsTheStatusItsHistoryHadThen() {
		UUID orderId = this.saga.orderIn("SHIPPED");
		JsonNode live = this.saga.order(orderId);
		List<JsonNode> history = list(live.get("history"));
		assertThat(history).extracting((change) -> change.get("status").asString())
			.containsExactly("PENDING", "CONFIRMED", "SHIPPED");

		for (int i = 0; i < history.size(); i++) {
			Instant changed = Instant.parse(history.get(i).get("at").asString());
			Instant next = (i + 1 < history.size()) ? Instant.parse(history.get(i + 1).get("at").asString())
					: changed.plusSeconds(3600);
			Instant between = changed.plus(Duration.between(changed, next).dividedBy(2));
			for (Instant at : List.of(changed, between)) {
				JsonNode then = at(orderId, at);
				String what = "the order at " + at;
				assertThat(then.get("status").asString()).as(what).isEqualTo(history.get(i).get("status").asString());
				assertThat(list(then.get("history"))).as(what).isEqualTo(history.subList(0, i + 1));
				assertThat(then.has("trackingNumber")).as(what).isEqualTo(i == history.size() - 1);
				assertThat(then.get("lines")).as(what).isEqualTo(live.get("lines"));
				assertThat(then.get("total")).as(what).isEqualTo(live.get("total"));
			}
		}
		Instant last = Instant.parse(history.getLast().get("at").asString());
		assertThat(at(orderId, last.plusSeconds(3600))).as("after the last change, the order as it is").isEqualTo(live);
	}

	@Test
	void beforeItWasPlacedTheOrderDidNotExistAndAnotherCustomerNeverSeesIt() {
		UUID orderId = this.saga.orderIn("CONFIRMED");
		Instant placed = Instant.parse(this.saga.order(orderId).get("placedAt").asString());

		OrderApi.Response before = this.saga.api().get(path(orderId, placed.minusMillis(1)));
		OrderApi.Response another = this.saga.api().as("someone-else").get(path(orderId, placed.plusSeconds(1)));

		assertProblem(before, 404, problemType("not-found"));
		assertProblem(another, 404, problemType("not-found"));
		assertThat(at(orderId, placed).get("status").asString()).isEqualTo("PENDING");
	}

	@Test
	void anInstantThatIsNoInstantIsABadRequest() {
		OrderApi.Response response = this.saga.api().get("/api/orders/" + UUID.randomUUID() + "?at=yesterday");

		assertThat(response.status()).as("%s", response).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
	}

	private JsonNode at(UUID orderId, Instant at) {
		OrderApi.Response response = this.saga.api().get(path(orderId, at));
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		return response.json();
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> list = new ArrayList<>();
		array.forEach(list::add);
		return list;
	}

	private static String path(UUID orderId, Instant at) {
		return "/api/orders/" + orderId + "?at=" + at;
	}

}
