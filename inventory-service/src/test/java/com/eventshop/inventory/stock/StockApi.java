package com.eventshop.inventory.stock;

import com.eventshop.testsupport.TestTokens;
import com.eventshop.testsupport.http.ServiceClient;
import com.eventshop.testsupport.http.ServiceClient.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock API over HTTP, as the tests call it, through Boot's {@code RestTestClient}.
 *
 * @param client the running service's client
 */
record StockApi(ServiceClient client) {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String OPERATOR = TestTokens.bearer(TestTokens.operator());

	/** A customer's authorization: enough to read stock, not to set it. */
	static final String CUSTOMER = TestTokens.bearer(TestTokens.customerA());

	StockApi(int port) {
		this(new ServiceClient(port));
	}

	Response get(String path) {
		return this.client.get(path, CUSTOMER);
	}

	/**
	 * A {@code PUT /api/stock/{sku}} with these headers ({@code name, value} pairs) and
	 * the operator's login unless another one (or {@code null}, none) is given.
	 */
	Response put(String sku, String body, @Nullable String authorization, String... headers) {
		return this.client.exchange(HttpMethod.PUT, "/api/stock/" + sku, authorization, body, (all) -> {
			for (int i = 0; i < headers.length; i += 2) {
				all.add(headers[i], headers[i + 1]);
			}
		});
	}

	/** The current ETag of a SKU's stock. */
	String eTag(String sku) {
		Response response = get("/api/stock/" + sku);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		String eTag = response.header("ETag");
		assertThat(eTag).isNotNull();
		return eTag;
	}

	/** Sets a SKU's free units the way an operator should: on the version just read. */
	Response set(String sku, int available) {
		return put(sku, "{\"available\": " + available + "}", OPERATOR, "If-Match", eTag(sku));
	}

	/** Asserts an RFC 9457 problem of this status and EventShop problem type. */
	static JsonNode assertProblem(Response response, int status, String type) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:eventshop:problem:" + type);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
		return problem;
	}

}
