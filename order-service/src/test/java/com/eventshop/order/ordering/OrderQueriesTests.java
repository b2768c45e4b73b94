package com.eventshop.order.ordering;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.eventshop.order.OrderServiceTest;
import com.eventshop.order.ordering.OrderApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.eventshop.order.ordering.OrderApi.assertProblem;
import static com.eventshop.order.ordering.OrderApi.json;
import static com.eventshop.order.ordering.OrderApi.problemType;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that a placed order reads back over HTTP as it was placed, priced from the
 * catalog whatever the client claims; that a customer's orders are listed newest first, a
 * page at a time and for that customer only; that bad order ids and listings without a
 * customer are answered with problems; and that the catalog lists its products with
 * prices as decimal strings.
 */
@OrderServiceTest
class OrderQueriesTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	OrderApi api;

	@BeforeEach
	void setUp() {
		this.api = new OrderApi(this.port, this.jdbc);
	}

	@Test
	void placedOrderReadsBackPendingAndPricedFromTheCatalog() {
		ObjectNode request = OrderApi.validOrder();
		request.withArray("lines").addObject().put("sku", "TEE-002").put("quantity", 1);
		UUID id = place(request);

		Response response = this.api.get("/api/orders/" + id);

		assertThat(response.status()).as("%s", response).isEqualTo(200);
		assertThat(response.contentType()).isEqualTo("application/json");
		JsonNode order = response.json();
		assertThat(order.get("id").asString()).isEqualTo(id.toString());
		assertThat(order.get("status").asString()).isEqualTo("PENDING");
		assertThat(order.get("customer")).as("the customer is the token's").isEqualTo(this.api.customer());
		assertThat(order.get("shippingAddress")).isEqualTo(request.get("shippingAddress"));
		assertThat(order.get("lines")).hasSize(2);
		assertLine(order.get("lines").get(0), "MUG-001", "Enamel camping mug", 2, "12.50", "25.00");
		assertLine(order.get("lines").get(1), "TEE-002", "Organic cotton T-shirt", 1, "24.00", "24.00");
		assertThat(order.get("total").isString()).as("total is a decimal string").isTrue();
		assertThat(order.get("total").asString()).isEqualTo("49.00");
		assertThat(order.get("currency").asString()).isEqualTo("EUR");
		assertThat(order.get("placedAt").asString()).isNotBlank();
		assertThat(order.get("history")).hasSize(1);
		assertThat(order.at("/history/0/status").asString()).isEqualTo("PENDING");
		assertThat(order.at("/history/0/at").asString()).isEqualTo(order.get("placedAt").asString());
	}

	@Test
	void placingAnswersWithTheLocationOfTheOrder() {
		Response placed = this.api.placeOrder(json(OrderApi.validOrder()));

		assertThat(placed.status()).as("%s", placed).isEqualTo(201);
		String location = placed.header("Location").orElseThrow();
		assertThat(location).endsWith("/api/orders/" + placed.orderId());
		Response atLocation = this.api.get(URI.create(location).getPath());
		assertThat(atLocation.status()).isEqualTo(200);
		assertThat(atLocation.json()).isEqualTo(placed.json());
	}

	@Test
	void priceSentByTheClientIsIgnored() {
		ObjectNode request = OrderApi.validOrder();
		request.withObject("/lines/0").put("unitPrice", "0.01").put("lineTotal", "0.02");
		request.put("total", "0.02");

		Response placed = this.api.placeOrder(json(request));

		assertThat(placed.status()).as("%s", placed).isEqualTo(201);
		assertLine(placed.json().at("/lines/0"), "MUG-001", "Enamel camping mug", 2, "12.50", "25.00");
		assertThat(placed.json().get("total").asString()).isEqualTo("25.00");
		assertThat(this.jdbc.sql("select unit_price from order_line where order_id = ?")
			.param(placed.orderId())
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("12.50");
		assertThat(this.jdbc.sql("select total from customer_order where id = ?")
			.param(placed.orderId())
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("25.00");
	}

	@Test
	void unknownOrderIsNotFound() {
		UUID id = UUID.randomUUID();

		JsonNode problem = assertProblem(this.api.get("/api/orders/" + id), 404, problemType("not-found"));

		assertThat(problem.get("detail").asString()).contains(id.toString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "a%ff%feb", "%c0%af", "%ed%a0%80" })
	void queryStringThatIsNoUtf8IsABadRequest(String customerId) {
		assertProblem(this.api.get("/api/orders?customerId=" + customerId), 400, problemType("malformed-query"));
	}

	@Test
	void orderIdThatIsNoUuidIsABadRequest() {
		assertProblem(this.api.get("/api/orders/not-a-uuid"), 400, "about:blank");
	}

	@Test
	void listsACustomersOrdersNewestFirstAPageAtATime() {
		String customerId = this.api.customerId();
		List<UUID> placed = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			placed.add(place(OrderApi.validOrder()));
		}
		this.api.as(OrderApi.newCustomerId()).placeOrder(json(OrderApi.validOrder()));

		Response firstPage = this.api.get("/api/orders?customerId=" + customerId + "&size=2");
		Response secondPage = this.api.get("/api/orders?customerId=" + customerId + "&size=2&page=1");

		assertThat(firstPage.status()).as("%s", firstPage).isEqualTo(200);
		JsonNode first = firstPage.json();
		assertThat(first.get("totalElements").asLong()).isEqualTo(3);
		assertThat(first.get("totalPages").asInt()).isEqualTo(2);
		assertThat(first.get("page").asInt()).isZero();
		assertThat(first.get("size").asInt()).isEqualTo(2);
		assertThat(ids(first)).containsExactly(placed.get(2), placed.get(1));
		assertThat(secondPage.status()).as("%s", secondPage).isEqualTo(200);
		JsonNode second = secondPage.json();
		assertThat(second.get("page").asInt()).isEqualTo(1);
		assertThat(ids(second)).containsExactly(placed.get(0));
		assertThat(first.get("content").valueStream().map((order) -> order.at("/customer/id").asString()))
			.containsOnly(customerId);
	}

	@Test
	void listingOrdersWithABlankCustomerIsABadRequest() {
		assertProblem(this.api.get("/api/orders?customerId="), 400, problemType("validation"));
	}

	@Test
	void listingOrdersOfACustomerIdNoOrderCanHaveIsABadRequest() {
		// NUL was a 500: PostgreSQL refuses it in a query parameter.
		JsonNode problem = assertProblem(this.api.get("/api/orders?customerId=cust%00-1"), 400,
				problemType("validation"));
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("customerId");
		assertProblem(this.api.get("/api/orders?customerId=../admin"), 400, problemType("validation"));
	}

	@Test
	void pageBeyondWhatTheDatabaseCanOffsetIsABadRequest() {
		String customer = "/api/orders?customerId=" + this.api.customerId();
		// Once a 500: the offset (page times size) overflowed the database query's int.
		JsonNode problem = assertProblem(this.api.get(customer + "&size=100&page=21474837"), 400,
				problemType("validation"));
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("page");
		assertThat(this.api.get(customer + "&size=100&page=21474836").status()).isEqualTo(200);
	}

	@Test
	void productsListTheDemoCatalogWithPricesAsStrings() {
		Response response = this.api.get("/api/products");

		assertThat(response.status()).as("%s", response).isEqualTo(200);
		JsonNode products = response.json();
		assertThat(products.findValuesAsString("sku")).containsExactly("BAG-004", "BTL-005", "CAP-003", "HDY-010",
				"LMP-009", "MUG-001", "NTB-006", "PEN-007", "SCK-008", "TEE-002");
		assertThat(products.valueStream().map((product) -> product.get("unitPrice")))
			.allSatisfy((price) -> assertThat(price.isString()).as("%s is a string", price).isTrue())
			.extracting(JsonNode::asString)
			.allMatch((price) -> price.matches("\\d+\\.\\d{2}"));
		assertThat(products.get(5).get("unitPrice").asString()).isEqualTo("12.50");
		assertThat(products.get(5).get("name").asString()).isEqualTo("Enamel camping mug");
		assertThat(products.get(5).get("currency").asString()).isEqualTo("EUR");
		assertThat(products.get(9).get("unitPrice").asString()).isEqualTo("24.00");
	}

	private UUID place(ObjectNode request) {
		Response placed = this.api.placeOrder(json(request));
		assertThat(placed.status()).as("%s", placed).isEqualTo(201);
		return placed.orderId();
	}

	private static List<UUID> ids(JsonNode page) {
		return page.get("content").valueStream().map((order) -> UUID.fromString(order.get("id").asString())).toList();
	}

	private static void assertLine(JsonNode line, String sku, String productName, int quantity, String unitPrice,
			String lineTotal) {
		assertThat(line.get("sku").asString()).isEqualTo(sku);
		assertThat(line.get("productName").asString()).isEqualTo(productName);
		assertThat(line.get("quantity").asInt()).isEqualTo(quantity);
		assertThat(line.get("unitPrice").isString()).as("unitPrice is a decimal string").isTrue();
		assertThat(line.get("unitPrice").asString()).isEqualTo(unitPrice);
		assertThat(line.get("lineTotal").isString()).as("lineTotal is a decimal string").isTrue();
		assertThat(line.get("lineTotal").asString()).isEqualTo(lineTotal);
	}

}
