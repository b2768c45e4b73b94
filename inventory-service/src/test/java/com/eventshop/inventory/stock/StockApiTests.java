package com.eventshop.inventory.stock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.eventshop.inventory.stock.Inventory.Level;
import com.eventshop.testsupport.TestInfrastructure;
import org.jspecify.annotations.Nullable;
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

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String OPERATOR = basic(TestInfrastructure.ADMIN_USER, TestInfrastructure.ADMIN_PASSWORD);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void listsEverySkuWithItsAvailableAndReservedUnits() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 7);
		this.jdbc.sql("update stock set reserved = 2 where sku = ?").param(sku).update();

		HttpResponse<String> response = send(request("/api/stock").GET());

		assertThat(response.statusCode()).isEqualTo(200);
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
		HttpResponse<String> response = send(request("/api/stock/LMP-009").GET());

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode lamp = JSON.readTree(response.body());
		assertThat(lamp.get("sku").asString()).isEqualTo("LMP-009");
		assertThat(level(lamp)).as("the limited edition's seeded stock").isEqualTo(new Level(5, 0));
		assertThat(lamp.get("updatedAt").asString()).isNotBlank();
	}

	@Test
	void anUnknownSkuIsANotFoundProblem() {
		HttpResponse<String> response = send(request("/api/stock/NOPE-404").GET());

		JsonNode problem = assertProblem(response, 404, "not-found");
		assertThat(problem.get("detail").asString()).contains("NOPE-404");
	}

	@Test
	void anOperatorSetsAvailableStockCreatingTheSkuWhenNew() {
		String sku = Inventory.newSku();

		HttpResponse<String> created = put(sku, "{\"available\": 12}", OPERATOR);
		this.jdbc.sql("update stock set reserved = 3 where sku = ?").param(sku).update();
		HttpResponse<String> corrected = put(sku, "{\"available\": 1000000}", OPERATOR);

		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(level(JSON.readTree(created.body()))).isEqualTo(new Level(12, 0));
		assertThat(corrected.statusCode()).isEqualTo(200);
		assertThat(level(JSON.readTree(corrected.body()))).as("reserved units stay").isEqualTo(new Level(1_000_000, 3));
		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(1_000_000, 3));
	}

	@Test
	void onlyAnOperatorSetsStock() {
		String wrongPassword = basic(TestInfrastructure.ADMIN_USER, "guess");
		put("MUG-001", "{\"available\": 500}", OPERATOR);

		assertThat(put("MUG-001", "{\"available\": 0}", null).statusCode()).isEqualTo(401);
		assertThat(put("MUG-001", "{\"available\": 0}", wrongPassword).statusCode()).isEqualTo(401);
		assertThat(put("NEW-001", "{\"available\": 5}", null).statusCode()).isEqualTo(401);

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
			""")
	void anInvalidCorrectionIsABadRequestProblemAndChangesNothing(String sku, String body, String type,
			@Nullable String field) {
		HttpResponse<String> response = put(sku, body, OPERATOR);

		JsonNode problem = assertProblem(response, 400, type);
		if (field != null) {
			assertThat(problem.get("errors").findValuesAsString("field")).containsExactly(field);
		}
		assertThat(count(sku)).isZero();
	}

	private HttpResponse<String> put(String sku, String body, @Nullable String authorization) {
		HttpRequest.Builder request = request("/api/stock/" + sku).header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private long count(String sku) {
		return this.jdbc.sql("select count(*) from stock where sku = ?").param(sku).query(Long.class).single();
	}

	private static Level level(JsonNode level) {
		return new Level(level.get("available").asInt(), level.get("reserved").asInt());
	}

	/** Asserts an RFC 9457 problem of this status and EventShop problem type. */
	private static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:eventshop:problem:" + type);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
		return problem;
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
