package com.eventshop.system.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;

import com.eventshop.testsupport.http.ServiceClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancellations racing dispatch, with all five services running and no warehouse delay:
 * each order is cancelled as soon as it is placed, as soon as it is confirmed, or as soon
 * as shipping has its shipment ready, so the cancellation and the dispatcher meet at the
 * shipment's row lock. Whoever wins, no unit that left the warehouse goes back to stock
 * (per SKU, what was put in = available + reserved + shipped), and every order ends in
 * one state that the order service, inventory, shipping and the customer's e-mails agree
 * on: CANCELLED (reservation RELEASED, shipment CANCELLED, a "cancelled" e-mail) or
 * SHIPPED (reservation SHIPPED, shipment DISPATCHED, a "shipped" e-mail).
 * <p>
 * {@code -Dsaga.race.orders=1000} runs the long version; the default keeps the test at
 * about two minutes on a busy machine.
 */
class CancellationRaceTests {

	private static final Logger logger = LoggerFactory.getLogger(CancellationRaceTests.class);

	private static final int ORDERS = Integer.getInteger("saga.race.orders", 40);

	private static final Duration TIMEOUT = Duration.ofSeconds(Math.max(120, ORDERS / 2));

	/** Each order takes one of these and one of the next. */
	private static final List<String> SKUS = List.of("MUG-001", "TEE-002", "CAP-003", "BAG-004", "BTL-005", "NTB-006",
			"PEN-007", "SCK-008");

	private static RunningShop shop;

	@BeforeAll
	static void startShop() {
		shop = RunningShop.start("0s");
		// Enough stock that no order is rejected, however many run.
		shop.service("inventory").jdbc().sql("update stock set available = 1000000").update();
	}

	@AfterAll
	static void stopShop() {
		if (shop != null) {
			shop.close();
		}
	}

	@Test
	void everyCancellationRacingDispatchEndsCancelledOrShippedAlikeEverywhereAndStockIsConserved() throws Exception {
		Map<String, Integer> putIn = stockTotals();

		List<Future<UUID>> raced = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (int i = 0; i < ORDERS; i++) {
				int n = i;
				raced.add(pool.submit(() -> placeAndCancel(n)));
			}
			List<UUID> orderIds = new ArrayList<>();
			for (Future<UUID> order : raced) {
				orderIds.add(order.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
			}

			Map<String, Integer> outcomes = new TreeMap<>();
			for (UUID orderId : orderIds) {
				String status = awaitSettled(orderId);
				outcomes.merge(status, 1, Integer::sum);
				String shipment = "SHIPPED".equals(status) ? "DISPATCHED" : "CANCELLED";
				String reservation = "SHIPPED".equals(status) ? "SHIPPED" : "RELEASED";
				await().atMost(TIMEOUT).untilAsserted(() -> {
					assertThat(shipmentStatus(orderId)).as("shipment of %s", orderId).isEqualTo(shipment);
					assertThat(reservationStatus(orderId)).as("reservation of %s", orderId).isEqualTo(reservation);
				});
				String told = "SHIPPED".equals(status) ? "ORDER_SHIPPED" : "ORDER_CANCELLED";
				String notTold = "SHIPPED".equals(status) ? "ORDER_CANCELLED" : "ORDER_SHIPPED";
				await().atMost(TIMEOUT).until(() -> emailKinds(orderId).contains(told));
				assertThat(emailKinds(orderId)).as("e-mails about %s", orderId).doesNotContain(notTold);
			}
			assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).as("%s", outcomes)
				.isEqualTo(ORDERS);
			// Which side won depends on timing: worth knowing, not asserting.
			logger.info("{} cancellations racing dispatch ended {}", ORDERS, outcomes);
		}

		// Every order is settled: nothing is reserved any more, and each unit is either
		// back in available stock or gone with a parcel.
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(reservedTotal()).isZero());
		assertThat(stockTotals()).as("per SKU: available + reserved + shipped").isEqualTo(putIn);
		for (String service : List.of("order", "inventory", "shipping")) {
			assertThat(unexpectedEvents(service)).as("events %s did not expect", service).isEmpty();
		}
	}

	/**
	 * Places an order and cancels it at one of three moments, by its number: at once, as
	 * soon as the order service shows it confirmed, or as soon as shipping shows its
	 * shipment ready or gone.
	 * @return the order
	 */
	private static UUID placeAndCancel(int n) {
		UUID orderId = place(SKUS.get(n % SKUS.size()), 1 + n % 3, SKUS.get((n + 1) % SKUS.size()), 1);
		switch (n % 3) {
			case 0 -> {
			}
			case 1 -> awaitFast(() -> !"PENDING".equals(orderStatus(orderId)));
			default -> awaitFast(() -> !"AWAITING_STOCK".equals(shipmentStatus(orderId)));
		}
		Response answer = shop.service("order").post("/api/orders/" + orderId + "/cancel", "");
		JsonNode body = RunningShop.JSON.readTree(answer.body());
		// 200: cancelled while pending; 202: shipping decides; 409: already shipped.
		switch (answer.status()) {
			case 200 -> assertThat(body.get("status").asString()).isEqualTo("CANCELLED");
			case 202 -> assertThat(body.get("status").asString()).isEqualTo("CANCELLATION_REQUESTED");
			case 409 -> assertThat(body.get("orderStatus").asString()).isEqualTo("SHIPPED");
			default -> throw new AssertionError("Cancel answered " + answer.status() + ": " + answer.body());
		}
		return orderId;
	}

	/** Waits until the order is CANCELLED or SHIPPED, and returns which. */
	private static String awaitSettled(UUID orderId) {
		await().atMost(TIMEOUT).until(() -> List.of("CANCELLED", "SHIPPED").contains(orderStatus(orderId)));
		return orderStatus(orderId);
	}

	private static void awaitFast(Callable<Boolean> condition) {
		await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(condition);
	}

	private static UUID place(String sku, int quantity, String otherSku, int otherQuantity) {
		String body = """
				{"customer": {"id": "c-%s", "name": "Grace Hopper", "email": "grace@example.com"},
				 "lines": [{"sku": "%s", "quantity": %d}, {"sku": "%s", "quantity": %d}],
				 "shippingAddress": {"line1": "1 Harbour Road", "city": "Arlington", "postalCode": "22201", "country": "US"}}"""
			.formatted(UUID.randomUUID(), sku, quantity, otherSku, otherQuantity);
		// A placement refused by the order service's admission control (503) stored
		// nothing: the client tries again, as its Retry-After (1 s) asks.
		AtomicReference<Response> answered = new AtomicReference<>();
		await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).until(() -> {
			Response response = shop.service("order").post("/api/orders", body);
			answered.set(response);
			return response.status() != 503;
		});
		Response response = answered.get();
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return UUID.fromString(RunningShop.JSON.readTree(response.body()).get("id").asString());
	}

	private static String orderStatus(UUID orderId) {
		return shop.service("order").json("/api/orders/" + orderId).get("status").asString();
	}

	private static String shipmentStatus(UUID orderId) {
		return shop.service("shipping")
			.jdbc()
			.sql("select status from shipment where order_id = ?")
			.param(orderId)
			.query(String.class)
			.optional()
			.orElse("AWAITING_STOCK");
	}

	private static String reservationStatus(UUID orderId) {
		return shop.service("inventory")
			.jdbc()
			.sql("select status from reservation where order_id = ?")
			.param(orderId)
			.query(String.class)
			.optional()
			.orElse("NONE");
	}

	private static List<String> emailKinds(UUID orderId) {
		return StreamSupport.stream(shop.service("email").json("/api/emails?orderId=" + orderId).spliterator(), false)
			.map((email) -> email.get("kind").asString())
			.toList();
	}

	/** Per SKU: available + reserved + shipped. */
	private static Map<String, Integer> stockTotals() {
		Map<String, Integer> totals = new TreeMap<>();
		shop.service("inventory")
			.jdbc()
			.sql("select sku, available + reserved + shipped as total from stock")
			.query((rs) -> {
				totals.put(rs.getString("sku"), rs.getInt("total"));
			});
		return totals;
	}

	private static long reservedTotal() {
		return shop.service("inventory").jdbc().sql("select sum(reserved) from stock").query(Long.class).single();
	}

	private static List<String> unexpectedEvents(String service) {
		return shop.service(service)
			.jdbc()
			.sql("select event_type || ' ' || subject || ' in ' || state from messaging.unexpected_event")
			.query(String.class)
			.list();
	}

}
