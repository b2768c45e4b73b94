package com.eventshop.system.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.eventshop.events.Topics;
import com.eventshop.messaging.consumer.ListenerContainers;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TopicReader;
import com.eventshop.testsupport.http.ServiceClient.Response;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order saga with all five services running together against one broker and one
 * database server: every journey an order can take, what each service did along the way,
 * and that redelivering the saga's events changes nothing.
 */
class OrderSagaEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private static RunningShop shop;

	@BeforeAll
	static void startShop() {
		// Long enough that a cancellation right after confirmation reaches shipping
		// before dispatch.
		shop = RunningShop.start("3s");
	}

	@AfterAll
	static void stopShop() {
		if (shop != null) {
			shop.close();
		}
	}

	@Test
	void placedOrderIsConfirmedAndShippedAndEveryServiceDidItsPart() {
		Map<String, Integer> reservedBefore = reserved("MUG-001", "TEE-002");
		UUID orderId = place("MUG-001", 2, "TEE-002", 1);

		JsonNode order = awaitStatus(orderId, "SHIPPED");
		assertThat(statuses(order)).containsExactly("PENDING", "CONFIRMED", "SHIPPED");
		JsonNode shipment = shop.service("shipping").json("/api/shipments/" + orderId);
		assertThat(shipment.get("status").asString()).isEqualTo("DISPATCHED");
		assertThat(shipment.get("trackingNumber").asString()).isNotBlank();
		assertThat(order.toString()).contains(shipment.get("trackingNumber").asString());

		assertThat(awaitEmails(orderId, 3)).containsExactlyInAnyOrder("ORDER_RECEIVED", "ORDER_CONFIRMED",
				"ORDER_SHIPPED");
		assertThat(mailsAbout(orderId)).isEqualTo(3);
		// Shipped goods left the warehouse: the reservation is consumed, not returned.
		await().atMost(TIMEOUT).until(() -> reserved("MUG-001", "TEE-002").equals(reservedBefore));

		JsonNode summary = awaitSummary(order, (s) -> s.at("/outcomes/shipped").asInt() == 1);
		assertThat(summary.get("placedOrders").asInt()).isEqualTo(1);
		assertThat(summary.at("/currencies/0/revenue").asString()).isEqualTo(order.get("total").asString());
	}

	@Test
	void orderThatCannotBeServedIsRejectedNamingTheShortSkuAndReservesNothing() {
		JsonNode lampsBefore = stock("LMP-009");
		UUID orderId = place("LMP-009", 999, "MUG-001", 1);

		JsonNode order = awaitStatus(orderId, "REJECTED");
		assertThat(order.toString()).contains("LMP-009");
		assertThat(stock("LMP-009").get("available")).isEqualTo(lampsBefore.get("available"));
		assertThat(stock("LMP-009").get("reserved")).isEqualTo(lampsBefore.get("reserved"));
		await().atMost(TIMEOUT)
			.until(() -> "CANCELLED"
				.equals(shop.service("shipping").json("/api/shipments/" + orderId).get("status").asString()));
		assertThat(awaitEmails(orderId, 2)).containsExactlyInAnyOrder("ORDER_RECEIVED", "ORDER_REJECTED");
		awaitSummary(order, (s) -> s.at("/outcomes/rejected").asInt() == 1);
	}

	@Test
	void cancellingAPendingOrderReturnsTheStockAndCancelsTheShipment() {
		JsonNode bagsBefore = stock("BAG-004");
		ConcurrentMessageListenerContainer<byte[], byte[]> inventory = container("inventory");
		inventory.pause();
		await().atMost(TIMEOUT).until(inventory::isContainerPaused);
		UUID orderId;
		try {
			orderId = place("BAG-004", 3);
			assertThat(shop.service("order").json("/api/orders/" + orderId).get("status").asString())
				.isEqualTo("PENDING");
			assertThat(cancel(orderId).status()).isEqualTo(200);
		}
		finally {
			inventory.resume();
		}

		// Inventory reserves (it sees OrderPlaced first) and then releases.
		await().atMost(TIMEOUT).until(() -> stock("BAG-004").equals(bagsBefore) && released(orderId));
		assertThat(statuses(shop.service("order").json("/api/orders/" + orderId))).startsWith("PENDING", "CANCELLED")
			.doesNotContain("CONFIRMED");
		await().atMost(TIMEOUT)
			.until(() -> "CANCELLED"
				.equals(shop.service("shipping").json("/api/shipments/" + orderId).get("status").asString()));
		assertThat(awaitEmails(orderId, 2)).containsExactlyInAnyOrder("ORDER_RECEIVED", "ORDER_CANCELLED");
	}

	@Test
	void cancellingAConfirmedOrderIsGrantedByShippingThenReturnsTheStockExactly() {
		JsonNode capsBefore = stock("CAP-003");
		UUID orderId = place("CAP-003", 4);
		awaitStatus(orderId, "CONFIRMED");

		Response requested = cancel(orderId);
		assertThat(requested.status()).as("shipping decides: accepted, not done").isEqualTo(202);
		assertThat(RunningShop.JSON.readTree(requested.body()).get("status").asString())
			.isEqualTo("CANCELLATION_REQUESTED");

		await().atMost(TIMEOUT).until(() -> stock("CAP-003").equals(capsBefore) && released(orderId));
		await().atMost(TIMEOUT)
			.until(() -> "CANCELLED"
				.equals(shop.service("shipping").json("/api/shipments/" + orderId).get("status").asString()));
		JsonNode order = awaitStatus(orderId, "CANCELLED");
		assertThat(statuses(order)).startsWith("PENDING", "CONFIRMED", "CANCELLATION_REQUESTED", "CANCELLED");
		assertThat(awaitEmails(orderId, 3)).containsExactlyInAnyOrder("ORDER_RECEIVED", "ORDER_CONFIRMED",
				"ORDER_CANCELLED");
		assertThat(mailsAbout(orderId)).isEqualTo(3);
	}

	@Test
	void cancellingAShippedOrderIsRefusedAndChangesNothing() {
		UUID orderId = place("NTB-006", 1);
		JsonNode shipped = awaitStatus(orderId, "SHIPPED");

		Response refused = cancel(orderId);
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.contentType()).isEqualTo("application/problem+json");
		assertThat(shop.service("order").json("/api/orders/" + orderId)).isEqualTo(shipped);
		assertThat(shop.service("shipping").json("/api/shipments/" + orderId).get("status").asString())
			.isEqualTo("DISPATCHED");
	}

	@Test
	void redeliveringEveryEventOfTheSagaChangesNothing() {
		UUID orderId = place("SCK-008", 2);
		awaitStatus(orderId, "SHIPPED");
		awaitEmails(orderId, 3);
		Map<String, Object> before = snapshot(orderId);

		List<String> topics = List.of(Topics.ORDERS, Topics.INVENTORY, Topics.SHIPPING);
		Map<String, Integer> republished = new HashMap<>();
		Map<String, Double> seenBefore = new HashMap<>();
		for (String group : List.of("order", "inventory", "email", "shipping", "analytics")) {
			seenBefore.put(group, seen(group));
		}
		try (EventPublisher publisher = new EventPublisher(shop.kafka)) {
			for (String topic : topics) {
				try (TopicReader reader = new TopicReader(shop.kafka, topic)) {
					reader.awaitRecords(TIMEOUT, (records) -> !reader.withKey(orderId.toString()).isEmpty());
					for (ConsumerRecord<String, byte[]> record : reader.withKey(orderId.toString())) {
						publisher.publish(topic, record.key(), header(record, "ce_type"),
								UUID.fromString(header(record, "ce_id")), record.value(), extraHeaders(record));
						republished.merge(topic, 1, Integer::sum);
					}
				}
			}
		}
		// Each group skips every republished record of the topics it reads: as a
		// duplicate, or
		// as a type it does not handle.
		Map<String, Integer> expected = Map.of("order",
				republished.getOrDefault(Topics.INVENTORY, 0) + republished.getOrDefault(Topics.SHIPPING, 0),
				"inventory", republished.get(Topics.ORDERS), "email", republished.get(Topics.ORDERS), "shipping",
				republished.get(Topics.ORDERS), "analytics", republished.get(Topics.ORDERS));
		expected.forEach(
				(group, count) -> await().atMost(TIMEOUT).until(() -> seen(group) >= seenBefore.get(group) + count));

		assertThat(snapshot(orderId)).isEqualTo(before);
		assertThat(mailsAbout(orderId)).isEqualTo(3);
	}

	// --- helpers
	// -------------------------------------------------------------------------

	private static UUID place(Object... skuAndQuantity) {
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < skuAndQuantity.length; i += 2) {
			lines.append(lines.isEmpty() ? "" : ",")
				.append("{\"sku\":\"%s\",\"quantity\":%d}".formatted(skuAndQuantity[i], skuAndQuantity[i + 1]));
		}
		String body = """
				{"customer": {"id": "c-%s", "name": "Grace Hopper", "email": "grace@example.com"},
				 "lines": [%s],
				 "shippingAddress": {"line1": "1 Harbour Road", "city": "Arlington", "postalCode": "22201", "country": "US"}}"""
			.formatted(UUID.randomUUID(), lines);
		Response response = shop.service("order").post("/api/orders", body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return UUID.fromString(RunningShop.JSON.readTree(response.body()).get("id").asString());
	}

	private static Response cancel(UUID orderId) {
		return shop.service("order").post("/api/orders/" + orderId + "/cancel", "");
	}

	private static JsonNode awaitStatus(UUID orderId, String status) {
		await().atMost(TIMEOUT)
			.until(() -> status.equals(shop.service("order").json("/api/orders/" + orderId).get("status").asString()));
		return shop.service("order").json("/api/orders/" + orderId);
	}

	private static List<String> statuses(JsonNode order) {
		return StreamSupport.stream(order.get("history").spliterator(), false)
			.map((change) -> change.get("status").asString())
			.toList();
	}

	private static JsonNode stock(String sku) {
		JsonNode level = shop.service("inventory").json("/api/stock/" + sku);
		return RunningShop.JSON.createObjectNode()
			.put("available", level.get("available").asInt())
			.put("reserved", level.get("reserved").asInt());
	}

	private static Map<String, Integer> reserved(String... skus) {
		Map<String, Integer> reserved = new HashMap<>();
		for (String sku : skus) {
			reserved.put(sku, stock(sku).get("reserved").asInt());
		}
		return reserved;
	}

	private static boolean released(UUID orderId) {
		return "RELEASED".equals(shop.service("inventory")
			.jdbc()
			.sql("select status from reservation where order_id = ?")
			.param(orderId)
			.query(String.class)
			.optional()
			.orElse(null));
	}

	/** Waits until the order has this many e-mails, all sent, and returns their kinds. */
	private static List<String> awaitEmails(UUID orderId, int count) {
		await().atMost(TIMEOUT).until(() -> {
			JsonNode emails = shop.service("email").json("/api/emails?orderId=" + orderId);
			return emails.size() == count && StreamSupport.stream(emails.spliterator(), false)
				.allMatch((email) -> "SENT".equals(email.get("status").asString()));
		});
		return StreamSupport.stream(shop.service("email").json("/api/emails?orderId=" + orderId).spliterator(), false)
			.map((email) -> email.get("kind").asString())
			.toList();
	}

	/** Messages the SMTP server received whose subject names the order. */
	private static long mailsAbout(UUID orderId) {
		int count = 0;
		for (MimeMessage message : shop.mail.getReceivedMessages()) {
			try {
				if (message.getSubject().contains(orderId.toString())) {
					count++;
				}
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return count;
	}

	/** The analytics summary of a window that holds only this order. */
	private static JsonNode awaitSummary(JsonNode order, java.util.function.Predicate<JsonNode> condition) {
		Instant placedAt = Instant.parse(order.get("placedAt").asString());
		String path = "/api/analytics/summary?from=" + placedAt + "&to=" + placedAt.plusNanos(1000);
		await().atMost(TIMEOUT).until(() -> condition.test(shop.service("analytics").json(path)));
		return shop.service("analytics").json(path);
	}

	private static ConcurrentMessageListenerContainer<byte[], byte[]> container(String group) {
		return shop.service(group).context().getBean(ListenerContainers.class).containers().get(group);
	}

	/** Records a group skipped as duplicates or as types it does not handle. */
	private static double seen(String group) {
		RunningShop.Service service = shop.service(group);
		return service.counter("eventshop.consumer.duplicates") + service.counter("eventshop.consumer.ignored");
	}

	/** What every service shows about the order. */
	private static Map<String, Object> snapshot(UUID orderId) {
		Map<String, Object> snapshot = new HashMap<>();
		snapshot.put("order", shop.service("order").json("/api/orders/" + orderId));
		snapshot.put("shipment", shop.service("shipping").json("/api/shipments/" + orderId));
		snapshot.put("emails", shop.service("email").json("/api/emails?orderId=" + orderId));
		snapshot.put("stock", shop.service("inventory").json("/api/stock/SCK-008"));
		snapshot.put("outbox",
				shop.service("order")
					.jdbc()
					.sql("select count(*) from messaging.outbox where record_key = ?")
					.param(orderId.toString())
					.query(Long.class)
					.single());
		snapshot.put("facts",
				shop.service("analytics")
					.jdbc()
					.sql("select count(*) from order_fact where order_id = ?")
					.param(orderId)
					.query(Long.class)
					.single());
		return snapshot;
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		return TopicReader.header(record, name);
	}

	private static Map<String, String> extraHeaders(ConsumerRecord<?, ?> record) {
		Map<String, String> extra = new HashMap<>();
		Set<String> set = Set.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject",
				"ce_correlationid", "content-type");
		for (Header h : record.headers()) {
			if (!set.contains(h.key())) {
				extra.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
			}
		}
		return extra;
	}

}
