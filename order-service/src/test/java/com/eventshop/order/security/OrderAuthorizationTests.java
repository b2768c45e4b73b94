package com.eventshop.order.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.eventshop.order.OrderServiceTest;
import com.eventshop.testsupport.AuthorizationCorpus;
import com.eventshop.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order service's authorization corpus: customer A's orders are A's and the
 * operator's alone; customer B, placing or listing, never sees them.
 */
@OrderServiceTest
class OrderAuthorizationTests extends AuthorizationCorpus {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ADDRESS_OF_A = "7 Quiet Lane of A";

	private static final String ORDER = """
			{"lines": [{"sku": "MUG-001", "quantity": 1}],
			 "shippingAddress": {"line1": "%s", "city": "Berlin", "postalCode": "10115", "country": "DE"}}""";

	private final List<String> ordersOfA = new CopyOnWriteArrayList<>();

	@Override
	protected Map<String, Rule> rules() {
		Map<String, Rule> rules = new HashMap<>();
		rules.put("POST /api/orders", Rule.anyCaller(() -> Request.of("/api/orders", ORDER.formatted("1 Main St"))));
		rules.put("GET /api/orders/{id}", Rule.ownerOnly(() -> Request.of("/api/orders/" + newOrderOfA())));
		rules.put("GET /api/orders/{id}/events",
				Rule.ownerOnly(() -> Request.of("/api/orders/" + newOrderOfA() + "/events")));
		rules.put("POST /api/orders/{id}/cancel",
				Rule.ownerOnly(() -> Request.of("/api/orders/" + newOrderOfA() + "/cancel")));
		rules.put("GET /api/orders",
				Rule.ownerOnly(() -> Request.of("/api/orders?customerId=" + TestTokens.CUSTOMER_A)));
		rules.put("GET /api/products", Rule.anyCaller(() -> Request.of("/api/products")));
		rules.putAll(deadLetterRules());
		return rules;
	}

	@Override
	protected List<String> secretsOfA() {
		List<String> secrets = new ArrayList<>(this.ordersOfA);
		secrets.addAll(List.of("Ada Lovelace", "ada.a@example.com", ADDRESS_OF_A));
		return secrets;
	}

	@Test
	void aBodyThatNamesAnotherCustomerStillOrdersForTheCaller() {
		String body = """
				{"customer": {"id": "%s", "name": "Ada Lovelace", "email": "ada.a@example.com"},
				 "lines": [{"sku": "MUG-001", "quantity": 1}],
				 "shippingAddress": {"line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "DE"}}"""
			.formatted(TestTokens.CUSTOMER_A);

		HttpResponse<String> placed = send("POST", Request.of("/api/orders", body), TestTokens.customerB());

		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		JsonNode customer = JSON.readTree(placed.body()).get("customer");
		assertThat(customer.get("id").asString()).isEqualTo(TestTokens.CUSTOMER_B);
		assertThat(customer.get("name").asString()).isEqualTo("Grace Hopper");
		assertThat(customer.get("email").asString()).isEqualTo("grace.b@example.com");
	}

	/** Places an order as customer A, and remembers its id as A's secret. */
	private String newOrderOfA() {
		HttpResponse<String> placed = send("POST", Request.of("/api/orders", ORDER.formatted(ADDRESS_OF_A)),
				TestTokens.customerA());
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		JsonNode order = JSON.readTree(placed.body());
		String id = order.get("id").asString();
		this.ordersOfA.add(id);
		return id;
	}

}
