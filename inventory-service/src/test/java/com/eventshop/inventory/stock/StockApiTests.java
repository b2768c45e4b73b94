package com.eventshop.inventory.stock;

import java.util.List;

import com.eventshop.inventory.stock.Inventory.Level;
import com.eventshop.testsupport.TestTokens;
import com.eventshop.testsupport.http.ServiceClient.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the stock API over HTTP: anyone reads stock levels, only an operator corrects
 * them, and every error is an RFC 9457 problem that changes nothing.
 */
@InventoryServiceTest
class StockApiTests {

	private static final JsonMapper JSON = StockApi.JSON;

	private static final String OPERATOR = StockApi.OPERATOR;

	@Autowired
	JdbcClient jdbc;

	private StockApi api;

	@BeforeEach
	void api(@LocalServerPort int port) {
		this.api = new StockApi(port);
	}

	@Test
	void listsEverySkuWithItsAvailableAndReservedUnits() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 7);
		this.jdbc.sql("update stock set reserved = 2 where sku = ?").param(sku).update();

		Response response = this.api.get("/api/stock");

		assertThat(response.status()).isEqualTo(200);
		List<JsonNode> stock = JSON.readTree(response.body()).valueStream().toList();
		assertThat(stock).extracting((level) -> level.get("sku").asString())
			.contains("MUG-001", "TEE-002", "CAP-003", "BAG-004", "BTL-005", "NTB-006", "PEN-007", "SCK-008", "LMP-009",
					"HDY-010", sku)
			.isSorted();
		assertThat(stock).filteredOn((level) -> sku.equals(level.get("sku").asString()))
			.singleElement()
			.satisfies((level) -> assertThat(level(level)).isEqualTo(new Level(7, 2)));
	}

	@Test
	void showsOneSku() {
		Response response = this.api.get("/api/stock/LMP-009");

		assertThat(response.status()).isEqualTo(200);
		JsonNode lamp = JSON.readTree(response.body());
		assertThat(lamp.get("sku").asString()).isEqualTo("LMP-009");
		assertThat(level(lamp)).as("the limited edition's seeded stock").isEqualTo(new Level(5, 0));
		assertThat(lamp.get("updatedAt").asString()).isNotBlank();
	}

	@Test
	void anUnknownSkuIsANotFoundProblem() {
		Response response = this.api.get("/api/stock/NOPE-404");

		JsonNode problem = StockApi.assertProblem(response, 404, "not-found");
		assertThat(problem.get("detail").asString()).contains("NOPE-404");
	}

	@Test
	void anOperatorSetsAvailableStockCreatingTheSkuWhenNew() {
		String sku = Inventory.newSku();

		Response created = this.api.put(sku, "{\"available\": 12}", OPERATOR, "If-None-Match", "*");
		this.jdbc.sql("update stock set reserved = 3 where sku = ?").param(sku).update();
		Response corrected = this.api.set(sku, 1_000_000);

		assertThat(created.status()).isEqualTo(201);
		assertThat(level(JSON.readTree(created.body()))).isEqualTo(new Level(12, 0));
		assertThat(corrected.status()).isEqualTo(200);
		assertThat(level(JSON.readTree(corrected.body()))).as("reserved units stay").isEqualTo(new Level(1_000_000, 3));
		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(1_000_000, 3));
	}

	@Test
	void onlyAnOperatorSetsStock() {
		String customer = StockApi.CUSTOMER;
		String otherKey = TestTokens.bearer(TestTokens.signedByAnotherKey());
		this.api.set("MUG-001", 500);
		String eTag = this.api.eTag("MUG-001");

		assertThat(this.api.put("MUG-001", "{\"available\": 0}", null, "If-Match", eTag).status()).isEqualTo(401);
		assertThat(this.api.put("MUG-001", "{\"available\": 0}", otherKey, "If-Match", eTag).status()).isEqualTo(401);
		assertThat(this.api.put("MUG-001", "{\"available\": 0}", customer, "If-Match", eTag).status()).isEqualTo(403);
		assertThat(this.api.put("NEW-001", "{\"available\": 5}", null, "If-None-Match", "*").status()).isEqualTo(401);

		assertThat(Inventory.level(this.jdbc, "MUG-001").available()).isEqualTo(500);
		assertThat(count("NEW-001")).isZero();
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			T-BAD-1 | {"available": -1}      | validation     | available
			T-BAD-2 | {"available": 1000001} | validation     | available
			T-BAD-3 | {}                     | validation     | available
			T-BAD-4 | {"available": null}    | validation     | available
			t-bad-5 | {"available": 5}       | validation     | sku
			T-BAD-6 | {"available": "5"}     | malformed-body |
			T-BAD-7 | {"available": 1.5}     | malformed-body |
			T-BAD-8 | not json               | malformed-body |
			T-BAD-9 | {"available": 5, "available": 500} | malformed-body |
			""")
	void anInvalidCorrectionIsABadRequestProblemAndChangesNothing(String sku, String body, String type,
			@Nullable String field) {
		Response response = this.api.put(sku, body, OPERATOR, "If-None-Match", "*");

		JsonNode problem = StockApi.assertProblem(response, 400, type);
		if (field != null) {
			assertThat(problem.get("errors").findValuesAsString("field")).containsExactly(field);
		}
		assertThat(count(sku)).isZero();
	}

	private long count(String sku) {
		return this.jdbc.sql("select count(*) from stock where sku = ?").param(sku).query(Long.class).single();
	}

	private static Level level(JsonNode level) {
		return new Level(level.get("available").asInt(), level.get("reserved").asInt());
	}

}
