package com.eventshop.shipping.shipment;

import java.util.UUID;

import com.eventshop.events.EventTypes;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TestInfrastructure;
import com.eventshop.testsupport.TestTokens;
import com.eventshop.testsupport.http.ServiceClient;
import com.eventshop.testsupport.http.ServiceClient.Response;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/shipments/{orderId}}: the shipment of a placed order, or a problem.
 */
@ShippingServiceTest
class ShipmentApiTests {

	@LocalServerPort
	int port;

	@Autowired
	TestInfrastructure infrastructure;

	@Test
	void showsTheShipmentOfAPlacedOrderAwaitingStock() throws Exception {
		UUID orderId = UUID.randomUUID();
		try (EventPublisher publisher = new EventPublisher(this.infrastructure.kafkaBootstrapServers())) {
			publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(),
					EventPublisher.golden(EventTypes.ORDER_PLACED_V1, orderId));
		}
		await().atMost(ShippingTestSupport.TIMEOUT).until(() -> get("/api/shipments/" + orderId).status() == 200);
		String body = get("/api/shipments/" + orderId).body();
		assertThat(body).contains("\"status\":\"AWAITING_STOCK\"")
			.contains("\"units\":3")
			.contains("\"city\":\"London\"")
			.contains("\"recipient\":\"Ada Lovelace\"");
	}

	@Test
	void unknownOrderIsANotFoundProblem() throws Exception {
		Response response = get("/api/shipments/" + UUID.randomUUID());
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.body()).contains("urn:eventshop:problem:not-found");
		assertThat(get("/api/shipments/not-a-uuid").status()).isEqualTo(400);
	}

	private Response get(String path) {
		return new ServiceClient(this.port).get(path, TestTokens.bearer(TestTokens.operator()));
	}

}
