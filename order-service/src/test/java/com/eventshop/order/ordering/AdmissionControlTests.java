package com.eventshop.order.ordering;

import java.time.Duration;
import java.util.Map;

import com.eventshop.testsupport.TcpProxy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the order service into overload and back: with Kafka unreachable every accepted
 * order's event stays in the outbox, and once the backlog reaches its bound placements
 * are refused with {@code 503}, {@code Retry-After} and an {@code overloaded} problem,
 * storing nothing; when Kafka returns the relay drains the backlog and orders are taken
 * again. Only counts and states are checked, never how long anything took.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.admin.auto-create=false", "eventshop.messaging.outbox.send-timeout=3s",
				"eventshop.messaging.outbox.max-backoff=1s", "eventshop.orders.admission.max-outbox-backlog=5",
				"eventshop.orders.admission.refresh-interval=50ms", "eventshop.orders.admission.retry-after=2s" })
class AdmissionControlTests extends KafkaOutageTestSupport {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	@Test
	@SuppressWarnings("try") // the proxy is the point: Kafka is reachable while it is
								// open
	void ordersAreRefusedWhileTheOutboxBacklogIsFullAndTakenAgainOnceItDrains() {
		OrderApi api = new OrderApi(this.port, this.jdbc);
		String body = OrderApi.json(OrderApi.validOrder());
		for (int i = 0; i < 5; i++) {
			OrderApi.Response response = api.placeOrder(body);
			assertThat(response.status()).as("placement %d, below the bound: %s", i, response.body()).isEqualTo(201);
		}

		// The refresher notices the backlog on one of its next rounds; until then a
		// placement may still get in, which only adds to the backlog.
		await().atMost(TIMEOUT).until(() -> api.placeOrder(body).status() == 503);
		Map<String, Long> before = api.rowCounts();
		OrderApi.Response refused = api.placeOrder(body);

		JsonNode problem = OrderApi.assertProblem(refused, 503, OrderApi.problemType("overloaded"));
		assertThat(problem.get("reason").asString()).isEqualTo("outbox-backlog");
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
		assertThat(api.rowCounts()).as("a refused order stores nothing").isEqualTo(before);
		assertThat(unpublished()).isGreaterThanOrEqualTo(5);

		try (TcpProxy kafkaComesBack = kafkaComesBack()) {
			await().atMost(TIMEOUT).until(() -> unpublished() == 0);
			await().atMost(TIMEOUT).until(() -> api.placeOrder(body).status() == 201);
		}
	}

	private long unpublished() {
		return this.jdbc.sql("select count(*) from messaging.outbox where published_at is null")
			.query(Long.class)
			.single();
	}

}
