package com.eventshop.order.ordering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.eventshop.order.OrderServiceTest;
import com.eventshop.order.ordering.OrderApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.eventshop.order.ordering.OrderApi.added;
import static com.eventshop.order.ordering.OrderApi.assertProblem;
import static com.eventshop.order.ordering.OrderApi.json;
import static com.eventshop.order.ordering.OrderApi.problemType;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that an {@code Idempotency-Key} makes {@code POST /api/orders} safe to retry: a
 * repeat answers with the first order and stores nothing more, even when the repeats race
 * each other; a key cannot be reused for a different order until it expires; and a
 * request that fails does not use up its key.
 */
@OrderServiceTest
class IdempotencyKeyTests {

	private static final String REPLAYED = "Idempotent-Replayed";

	/** Rows that placing one order of one line adds. */
	private static final Map<String, Long> ONE_ORDER = added(1, 1, 1, 1, 1);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	OrderApi api;

	String key;

	@BeforeEach
	void setUp() {
		this.api = new OrderApi(this.port, this.jdbc);
		this.key = "key-" + UUID.randomUUID();
	}

	@Test
	void repeatingARequestWithItsKeyReplaysTheFirstOrder() {
		String body = json(OrderApi.validOrder());
		Map<String, Long> before = this.api.rowCounts();

		Response first = this.api.placeOrder(body, this.key);
		Response second = this.api.placeOrder(body, this.key);

		assertThat(first.status()).as("first: %s", first).isEqualTo(201);
		assertThat(first.header(REPLAYED)).isEmpty();
		assertThat(second.status()).as("second: %s", second).isEqualTo(201);
		assertThat(second.header(REPLAYED)).hasValue("true");
		assertThat(second.json()).as("the replayed order").isEqualTo(first.json());
		assertThat(second.header("Location")).isEqualTo(first.header("Location"));
		assertThat(this.api.rowsAddedSince(before)).isEqualTo(ONE_ORDER);
	}

	@Test
	void replaysForTheSameOrderWrittenDifferently() {
		ObjectNode order = OrderApi.validOrder();
		Response first = this.api.placeOrder(json(order), this.key);
		Map<String, Long> before = this.api.rowCounts();

		String sameOrderReformatted = "\n  " + json(reversed(order)).replace(",", " ,\n ") + "  \n";
		Response second = this.api.placeOrder(sameOrderReformatted, this.key);

		assertThat(second.status()).as("second: %s", second).isEqualTo(201);
		assertThat(second.header(REPLAYED)).hasValue("true");
		assertThat(second.orderId()).isEqualTo(first.orderId());
		assertThat(this.api.rowsAddedSince(before)).isEqualTo(added(0, 0, 0, 0, 0));
	}

	@Test
	void reusingAKeyForADifferentOrderIsRejectedAndStoresNothing() {
		Response first = this.api.placeOrder(json(OrderApi.validOrder()), this.key);
		assertThat(first.status()).isEqualTo(201);
		Map<String, Long> before = this.api.rowCounts();

		ObjectNode otherOrder = OrderApi.validOrder();
		otherOrder.withObject("/lines/0").put("quantity", 3);
		Response second = this.api.placeOrder(json(otherOrder), this.key);

		assertProblem(second, 422, problemType("idempotency-key-reused"));
		assertThat(this.api.rowsAddedSince(before)).isEqualTo(added(0, 0, 0, 0, 0));
		assertThat(orderOfKey()).isEqualTo(first.orderId());
	}

	@Test
	void theSameKeyOfTwoCustomersCreatesAnOrderForEach() {
		String body = json(OrderApi.validOrder());
		OrderApi other = this.api.as(OrderApi.newCustomerId());
		Map<String, Long> before = this.api.rowCounts();

		Response mine = this.api.placeOrder(body, this.key);
		Response theirs = other.placeOrder(body, this.key);

		assertThat(mine.status()).as("mine: %s", mine).isEqualTo(201);
		assertThat(theirs.status()).as("theirs: %s", theirs).isEqualTo(201);
		assertThat(theirs.header(REPLAYED)).as("never answered with another customer's order").isEmpty();
		assertThat(theirs.orderId()).isNotEqualTo(mine.orderId());
		assertThat(theirs.json().at("/customer/id").asString()).isEqualTo(other.customerId());
		assertThat(this.api.rowsAddedSince(before)).isEqualTo(added(2, 2, 2, 2, 2));
	}

	@Test
	void differentKeysCreateDifferentOrders() {
		String body = json(OrderApi.validOrder());
		Map<String, Long> before = this.api.rowCounts();

		Response first = this.api.placeOrder(body, this.key);
		Response second = this.api.placeOrder(body, this.key + "-2");

		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.header(REPLAYED)).isEmpty();
		assertThat(second.orderId()).isNotEqualTo(first.orderId());
		assertThat(this.api.rowsAddedSince(before)).isEqualTo(added(2, 2, 2, 2, 2));
	}

	@Test
	void expiredKeyCanBeReusedForANewOrder() {
		Response first = this.api.placeOrder(json(OrderApi.validOrder()), this.key);
		assertThat(first.status()).isEqualTo(201);
		this.jdbc.sql("update idempotency_key set expires_at = now() - interval '1 minute' where idempotency_key = ?")
			.param(this.key)
			.update();
		Map<String, Long> before = this.api.rowCounts();

		ObjectNode otherOrder = OrderApi.validOrder();
		otherOrder.withObject("/lines/0").put("quantity", 3);
		Response second = this.api.placeOrder(json(otherOrder), this.key);

		assertThat(second.status()).as("second: %s", second).isEqualTo(201);
		assertThat(second.header(REPLAYED)).isEmpty();
		assertThat(second.orderId()).isNotEqualTo(first.orderId());
		assertThat(this.api.rowsAddedSince(before)).as("the expired key is taken over, not added")
			.isEqualTo(added(1, 1, 1, 0, 1));
		assertThat(orderOfKey()).isEqualTo(second.orderId());
		Response replay = this.api.placeOrder(json(otherOrder), this.key);
		assertThat(replay.header(REPLAYED)).hasValue("true");
		assertThat(replay.orderId()).isEqualTo(second.orderId());
	}

	@Test
	void concurrentRequestsWithTheSameKeyCreateOneOrder() throws Exception {
		String body = json(OrderApi.validOrder());
		int clients = 8;
		CyclicBarrier start = new CyclicBarrier(clients);
		Map<String, Long> before = this.api.rowCounts();

		List<Response> responses = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(clients)) {
			List<Future<Response>> futures = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				futures.add(executor.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return this.api.placeOrder(body, this.key);
				}));
			}
			for (Future<Response> future : futures) {
				responses.add(future.get(60, TimeUnit.SECONDS));
			}
		}

		assertThat(responses).extracting(Response::status).as("%s", responses).containsOnly(201);
		assertThat(responses).extracting(Response::orderId).containsOnly(responses.getFirst().orderId());
		assertThat(responses).filteredOn((response) -> response.header(REPLAYED).isEmpty())
			.as("responses that created the order")
			.hasSize(1);
		assertThat(this.api.rowsAddedSince(before)).isEqualTo(ONE_ORDER);
	}

	@Test
	void failedRequestDoesNotUseUpItsKey() {
		ObjectNode unknownProduct = OrderApi.validOrder();
		unknownProduct.withObject("/lines/0").put("sku", "NOPE-999");
		ObjectNode invalid = OrderApi.validOrder();
		invalid.withObject("/lines/0").put("quantity", 0);
		Map<String, Long> before = this.api.rowCounts();

		assertProblem(this.api.placeOrder(json(unknownProduct), this.key), 422, problemType("unknown-sku"));
		assertProblem(this.api.placeOrder(json(invalid), this.key), 400, problemType("validation"));
		assertThat(this.api.rowsAddedSince(before)).isEqualTo(added(0, 0, 0, 0, 0));
		Response valid = this.api.placeOrder(json(OrderApi.validOrder()), this.key);

		assertThat(valid.status()).as("valid: %s", valid).isEqualTo(201);
		assertThat(valid.header(REPLAYED)).isEmpty();
		assertThat(this.api.rowsAddedSince(before)).isEqualTo(ONE_ORDER);
		assertThat(orderOfKey()).isEqualTo(valid.orderId());
	}

	private UUID orderOfKey() {
		return this.jdbc.sql("select order_id from idempotency_key where idempotency_key = ?")
			.param(this.key)
			.query(UUID.class)
			.single();
	}

	/** The same order with the properties of each object in reverse order. */
	private static ObjectNode reversed(ObjectNode node) {
		ObjectNode reversed = OrderApi.JSON.createObjectNode();
		List<String> names = new ArrayList<>(node.propertyNames());
		for (String name : names.reversed()) {
			reversed.set(name, node.get(name).isObject() ? reversed(node.get(name).asObject()) : node.get(name));
		}
		return reversed;
	}

}
