package com.eventshop.inventory.stock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import com.eventshop.testsupport.TestTokens;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock API over HTTP, as the tests call it.
 *
 * @param port the running service's port
 */
record StockApi(int port) {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String OPERATOR = TestTokens.bearer(TestTokens.operator());

	/** A customer's authorization: enough to read stock, not to set it. */
	static final String CUSTOMER = TestTokens.bearer(TestTokens.customerA());

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	HttpResponse<String> get(String path) {
		return send(request(path).header("Authorization", CUSTOMER).GET());
	}

	/**
	 * A {@code PUT /api/stock/{sku}} with these headers ({@code name, value} pairs) and
	 * the operator's login unless another one (or {@code null}, none) is given.
	 */
	HttpResponse<String> put(String sku, String body, @Nullable String authorization, String... headers) {
		HttpRequest.Builder request = request("/api/stock/" + sku).header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	/** The current ETag of a SKU's stock. */
	String eTag(String sku) {
		HttpResponse<String> response = get("/api/stock/" + sku);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.headers().firstValue("ETag").orElseThrow();
	}

	/** Sets a SKU's free units the way an operator should: on the version just read. */
	HttpResponse<String> set(String sku, int available) {
		return put(sku, "{\"available\": " + available + "}", OPERATOR, "If-Match", eTag(sku));
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

	/** Asserts an RFC 9457 problem of this status and EventShop problem type. */
	static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:eventshop:problem:" + type);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
		return problem;
	}

}
