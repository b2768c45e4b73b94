package com.eventshop.testsupport.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Real HTTP requests to a service running in the test (or on the local stack) through
 * Spring's {@link RestTestClient}, bound to the server at {@code http://localhost:port}
 * over HTTP/1.1, with bounded connect and read times. Answers come back whole, body as
 * text, for the tests' own checks of status, headers and problem details.
 */
public final class ServiceClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI base;

	private final RestTestClient client;

	/** A client of the service listening on this local port. */
	public ServiceClient(int port) {
		this(URI.create("http://localhost:" + port));
	}

	/** A client of the service at this base URI. */
	public ServiceClient(URI base) {
		this.base = base;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build());
		requests.setReadTimeout(Duration.ofSeconds(30));
		this.client = RestTestClient.bindToServer(requests).build();
	}

	/** The base URI requests are resolved against. */
	public URI base() {
		return this.base;
	}

	/**
	 * {@code GET} of a path with its query, sent as written.
	 * @param pathAndQuery e.g. {@code /api/stock/MUG-001}
	 * @param authorization the {@code Authorization} header, or null for none
	 */
	public Response get(String pathAndQuery, @Nullable String authorization) {
		return exchange(HttpMethod.GET, pathAndQuery, authorization, null, (headers) -> {
		});
	}

	/**
	 * Any request.
	 * @param method the method
	 * @param pathAndQuery resolved against the base, not encoded again
	 * @param authorization the {@code Authorization} header, or null for none
	 * @param json a JSON body (sent as {@code application/json}), or null for none
	 * @param headers further headers
	 */
	public Response exchange(HttpMethod method, String pathAndQuery, @Nullable String authorization,
			@Nullable String json, Consumer<HttpHeaders> headers) {
		RestTestClient.RequestBodySpec request = this.client.method(method)
			.uri(this.base.resolve(pathAndQuery))
			.headers((all) -> {
				if (authorization != null) {
					all.set(HttpHeaders.AUTHORIZATION, authorization);
				}
				if (json != null) {
					all.set(HttpHeaders.CONTENT_TYPE, "application/json");
				}
				headers.accept(all);
			});
		RestTestClient.RequestHeadersSpec<?> complete = (json != null) ? request.body(json) : request;
		EntityExchangeResult<String> result = complete.exchange().returnResult(String.class);
		return new Response(result.getStatus().value(), result.getResponseHeaders(),
				Objects.requireNonNullElse(result.getResponseBody(), ""));
	}

	/**
	 * An answer, its body read as text.
	 *
	 * @param status HTTP status code
	 * @param headers response headers
	 * @param body the body, empty when there was none
	 */
	public record Response(int status, HttpHeaders headers, String body) {

		/** The body as JSON. */
		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** The first value of a header, or null. */
		public @Nullable String header(String name) {
			return this.headers.getFirst(name);
		}

		/** The {@code Content-Type}, empty when there was none. */
		public String contentType() {
			return Objects.requireNonNullElse(header(HttpHeaders.CONTENT_TYPE), "");
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
