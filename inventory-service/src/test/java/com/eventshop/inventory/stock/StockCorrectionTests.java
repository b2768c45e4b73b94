package com.eventshop.inventory.stock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.eventshop.events.EventTypes;
import com.eventshop.inventory.stock.Inventory.Level;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TestInfrastructure;
import com.eventshop.testsupport.http.ServiceClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.eventshop.inventory.stock.Inventory.line;
import static com.eventshop.inventory.stock.Inventory.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proves that an operator's stock correction never undoes a reservation: a correction
 * names the version it was computed from, and one computed before a reservation is
 * refused instead of overwriting it.
 */
@InventoryServiceTest
class StockCorrectionTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestInfrastructure infrastructure;

	private StockApi api;

	@BeforeEach
	void api(@LocalServerPort int port) {
		this.api = new StockApi(port);
	}

	@Test
	void aCorrectionComputedBeforeAReservationIsRefusedAndTheReservationStays() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 10);
		String seen = this.api.eTag(sku);
		UUID orderId = UUID.randomUUID();
		try (EventPublisher publisher = new EventPublisher(this.infrastructure.kafkaBootstrapServers())) {
			publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(), orderPlaced(orderId, line(sku, 3)));
		}
		await().atMost(TIMEOUT).until(() -> Inventory.reservation(this.jdbc, orderId).startsWith("RESERVED:"));

		// The operator counted 10 free units plus a
		// delivery of 5 before the order came in.
		Response stale = this.api.put(sku, "{\"available\": 15}", StockApi.OPERATOR, "If-Match", seen);

		JsonNode problem = StockApi.assertProblem(stale, 412, "precondition-failed");
		assertThat(problem.get("detail").asString()).contains(sku);
		assertThat(Inventory.level(this.jdbc, sku)).as("the reservation stays").isEqualTo(new Level(7, 3));

		Response recomputed = this.api.set(sku, 7 + 5);

		assertThat(recomputed.status()).as(recomputed.body()).isEqualTo(200);
		assertThat(recomputed.header("ETag")).isNotNull().isNotEqualTo(seen);
		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(12, 3));
	}

	@Test
	void aCorrectionWithoutAVersionIsAPreconditionRequiredProblemAndChangesNothing() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 10);

		StockApi.assertProblem(this.api.put(sku, "{\"available\": 99}", StockApi.OPERATOR), 428,
				"precondition-required");
		StockApi.assertProblem(this.api.put(sku, "{\"available\": 99}", StockApi.OPERATOR, "If-Match", "*"), 428,
				"precondition-required");
		StockApi.assertProblem(this.api.put(sku, "{\"available\": 99}", StockApi.OPERATOR, "If-Match", "W/\"0\""), 412,
				"precondition-failed");
		StockApi.assertProblem(this.api.put(sku, "{\"available\": 99}", StockApi.OPERATOR, "If-None-Match", "*"), 412,
				"precondition-failed");
		StockApi.assertProblem(
				this.api.put(Inventory.newSku(), "{\"available\": 99}", StockApi.OPERATOR, "If-Match", "\"0\""), 412,
				"precondition-failed");

		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(10, 0));
	}

	@Test
	void correctionsRacingReservationsLoseNoReservedUnit() {
		String sku = Inventory.newSku();
		int initial = 1_000;
		int orders = 200;
		int corrections = 40;
		Inventory.stock(this.jdbc, sku, initial);
		List<UUID> orderIds = new ArrayList<>();
		for (int i = 0; i < orders; i++) {
			orderIds.add(UUID.randomUUID());
		}
		CompletableFuture<Void> placing = CompletableFuture.runAsync(() -> {
			try (EventPublisher publisher = new EventPublisher(this.infrastructure.kafkaBootstrapServers())) {
				orderIds.forEach((orderId) -> publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(),
						orderPlaced(orderId, line(sku, 1))));
			}
		});

		// Each correction adds one delivered unit to what the operator just read;
		// a refused one is read again and recomputed, as the 412 asks.
		int refused = 0;
		for (int applied = 0; applied < corrections;) {
			Response read = this.api.get("/api/stock/" + sku);
			int available = StockApi.JSON.readTree(read.body()).get("available").asInt();
			Response response = this.api.put(sku, "{\"available\": " + (available + 1) + "}", StockApi.OPERATOR,
					"If-Match", Objects.requireNonNull(read.header("ETag")));
			if (response.status() == 200) {
				applied++;
			}
			else {
				assertThat(response.status()).as(response.body()).isEqualTo(412);
				refused++;
			}
		}
		placing.join();
		await().atMost(TIMEOUT)
			.until(() -> orderIds.stream()
				.allMatch((orderId) -> Inventory.reservation(this.jdbc, orderId).startsWith("RESERVED:")));

		assertThat(Inventory.level(this.jdbc, sku)).as("every unit accounted for (%d corrections refused)", refused)
			.isEqualTo(new Level(initial + corrections - orders, orders));
	}

}
