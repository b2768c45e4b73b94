package com.eventshop.email.notification;

import java.util.List;
import java.util.UUID;

import com.eventshop.events.EventTypes;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.http.ServiceClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/emails?orderId=} over HTTP.
 */
class EmailControllerTests extends EmailTestSupport {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void showsTheEmailOfAnOrderAndWhenItWasSent() throws Exception {
		UUID orderId = placeOrder();

		await().atMost(TIMEOUT).until(() -> get("/api/emails?orderId=" + orderId).body().contains("SENT"));
		Response response = get("/api/emails?orderId=" + orderId);

		assertThat(response.status()).isEqualTo(200);
		JsonNode emails = json.readTree(response.body());
		assertThat(emails).hasSize(1);
		JsonNode email = emails.get(0);
		assertThat(email.get("kind").asString()).isEqualTo("ORDER_RECEIVED");
		assertThat(email.get("recipient").asString()).isEqualTo("ada@example.com");
		assertThat(email.get("subject").asString()).contains(orderId.toString());
		assertThat(email.get("status").asString()).isEqualTo("SENT");
		assertThat(email.get("attempts").asInt()).isEqualTo(1);
		assertThat(email.get("createdAt").isNull()).isFalse();
		assertThat(email.get("sentAt").isNull()).isFalse();
	}

	@Test
	void listsEveryEmailOfAnOrderInTheOrderTheyWereRecorded() throws Exception {
		UUID orderId = placeOrder();
		publish(EventTypes.ORDER_CONFIRMED_V1, EventPublisher.golden(EventTypes.ORDER_CONFIRMED_V1, orderId));
		publish(EventTypes.ORDER_SHIPPED_V1, EventPublisher.golden(EventTypes.ORDER_SHIPPED_V1, orderId));

		await().atMost(TIMEOUT).until(() -> json.readTree(get("/api/emails?orderId=" + orderId).body()).size() == 3);
		JsonNode emails = json.readTree(get("/api/emails?orderId=" + orderId).body());

		assertThat(emails).extracting((email) -> email.get("kind").asString())
			.containsExactly("ORDER_RECEIVED", "ORDER_CONFIRMED", "ORDER_SHIPPED");
		assertThat(emails).extracting((email) -> email.get("subject").asString())
			.allMatch((subject) -> subject.contains(orderId.toString()));
		assertThat(emails.get(1).get("subject").asString()).contains("confirmed");
		assertThat(emails.get(2).get("subject").asString()).contains("shipped");
	}

	@Test
	void answersAnOrderWithoutEmailsWithAnEmptyList() throws Exception {
		Response response = get("/api/emails?orderId=" + UUID.randomUUID());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("[]");
	}

	@Test
	void answersAMalformedOrMissingOrderIdWithAProblem() throws Exception {
		for (String path : List.of("/api/emails?orderId=not-a-uuid", "/api/emails")) {
			Response response = get(path);

			assertThat(response.status()).as(path).isEqualTo(400);
			assertThat(response.contentType()).as(path).isEqualTo("application/problem+json");
			assertThat(json.readTree(response.body()).get("status").asInt()).as(path).isEqualTo(400);
		}
	}

}
