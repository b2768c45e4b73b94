package com.eventshop.analytics.facts;

import com.eventshop.testsupport.TestTokens;
import com.eventshop.testsupport.http.ServiceClient;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real HTTP requests to the running analytics service through Spring's
 * {@code RestTestClient} ({@link ServiceClient}), and the checks of its answers.
 */
final class AnalyticsApi {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final ServiceClient client;

	AnalyticsApi(int port) {
		this.client = new ServiceClient(port);
	}

	/**
	 * {@code GET} of a path with its query, e.g. {@code /api/analytics/summary?from=...},
	 * sent as written (the query is not encoded again).
	 */
	Response get(String pathAndQuery) {
		ServiceClient.Response response = this.client.get(pathAndQuery, TestTokens.bearer(TestTokens.operator()));
		return new Response(response.status(), response.contentType(), response.body());
	}

	/** {@code POST} of a path without a body, as the operator. */
	Response post(String path) {
		ServiceClient.Response response = this.client.exchange(HttpMethod.POST, path,
				TestTokens.bearer(TestTokens.operator()), null, (headers) -> {
				});
		return new Response(response.status(), response.contentType(), response.body());
	}

	/** The JSON body of a {@code GET} that must succeed. */
	JsonNode ok(String pathAndQuery) {
		Response response = get(pathAndQuery);
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		return response.json();
	}

	/** {@code GET /api/analytics/summary} of a window. */
	JsonNode summary(String from, String to) {
		return ok("/api/analytics/summary?from=" + from + "&to=" + to);
	}

	/**
	 * {@code GET /api/analytics/timeseries} with a query, e.g.
	 * {@code bucket=hour&from=...}.
	 */
	JsonNode timeseries(String query) {
		return ok("/api/analytics/timeseries?" + query);
	}

	/** JSON text as a tree, for comparing whole responses. */
	static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	/**
	 * Asserts that a response is an RFC 9457 problem of the given status and type, with a
	 * title and a detail.
	 * @param type the name in {@code urn:eventshop:problem:<name>}
	 * @return the problem, for further assertions
	 */
	static JsonNode assertProblem(Response response, int status, String type) {
		assertThat(response.status()).as("status of %s", response).isEqualTo(status);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.path("type").asString()).isEqualTo("urn:eventshop:problem:" + type);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("detail").asString()).isNotBlank();
		return problem;
	}

	/**
	 * A response, its body read as text.
	 *
	 * @param status HTTP status code
	 * @param contentType the {@code Content-Type} header, empty when there was none
	 * @param body the body, empty when there was none
	 */
	record Response(int status, String contentType, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
