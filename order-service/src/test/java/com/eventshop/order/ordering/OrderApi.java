package com.eventshop.order.ordering;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.eventshop.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the HTTP tests of the orders API share: real requests to the running server
 * through the JDK's {@link HttpClient} with a customer's access token, a valid order body
 * to start from, the row counts of every table an order placement writes to, and the
 * checks of a problem response.
 */
final class OrderApi {

	/** Every table that placing an order writes to. */
	static final List<String> ORDER_TABLES = List.of("customer_order", "order_line", "order_status_change",
			"idempotency_key", "messaging.outbox");

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** The name in every test customer's token. */
	static final String CUSTOMER_NAME = "Ada Lovelace";

	/** The e-mail in every test customer's token. */
	static final String CUSTOMER_EMAIL = "ada@example.com";

	private final URI base;

	private final JdbcClient jdbc;

	private final String customerId;

	private final String token;

	/** An API client of a customer of its own ({@link #customerId()}). */
	OrderApi(int port, JdbcClient jdbc) {
		this(URI.create("http://localhost:" + port), jdbc, newCustomerId());
	}

	private OrderApi(URI base, JdbcClient jdbc, String customerId) {
		this(base, jdbc, customerId, TestTokens.customer(customerId, CUSTOMER_NAME, CUSTOMER_EMAIL));
	}

	private OrderApi(URI base, JdbcClient jdbc, String customerId, String token) {
		this.base = base;
		this.jdbc = jdbc;
		this.customerId = customerId;
		this.token = token;
	}

	/** The same server, called by another customer. */
	OrderApi as(String customerId) {
		return new OrderApi(this.base, this.jdbc, customerId);
	}

	/** The same server, called with this token (an operator's, say). */
	OrderApi withToken(String token) {
		return new OrderApi(this.base, this.jdbc, this.customerId, token);
	}

	/** The customer whose token this client sends. */
	String customerId() {
		return this.customerId;
	}

	/** The customer as orders and events show this client's. */
	ObjectNode customer() {
		return JSON.createObjectNode()
			.put("id", this.customerId)
			.put("name", CUSTOMER_NAME)
			.put("email", CUSTOMER_EMAIL);
	}

	/**
	 * A request to a path of the server, e.g. {@code /api/orders}, with this client's
	 * token.
	 */
	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", TestTokens.bearer(this.token));
	}

	/** A {@code POST /api/orders} of a JSON body, not yet sent. */
	HttpRequest.Builder orderPost(String body) {
		return request("/api/orders").header("Content-Type", "application/json").POST(BodyPublishers.ofString(body));
	}

	Response placeOrder(String body) {
		return send(orderPost(body));
	}

	Response placeOrder(String body, String idempotencyKey) {
		return send(orderPost(body).header("Idempotency-Key", idempotencyKey));
	}

	/** {@code POST /api/orders/{id}/cancel}, without a body. */
	Response cancel(UUID orderId) {
		return send(request("/api/orders/" + orderId + "/cancel").POST(BodyPublishers.noBody()));
	}

	Response get(String path) {
		return send(request(path).GET());
	}

	Response send(HttpRequest.Builder request) {
		try {
			var response = HTTP.send(request.build(), BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * Sends a request exactly as given, for what {@link HttpClient} will not send: it
	 * replaces non-ASCII characters in header values with {@code ?}. Sent as HTTP/1.0, so
	 * the response ends when the server closes the connection.
	 * @param head the request line and headers, without the blank line that ends them;
	 * header values are encoded as UTF-8
	 * @param body the body; its Content-Length is added
	 */
	Response sendRaw(String head, String body) {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		String request = head + "\r\nHost: " + this.base.getAuthority() + "\r\nAuthorization: "
				+ TestTokens.bearer(this.token) + "\r\nContent-Length: " + content.length
				+ "\r\nConnection: close\r\n\r\n";
		try (Socket socket = new Socket(this.base.getHost(), this.base.getPort())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.write(content);
			out.flush();
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int endOfHead = response.indexOf("\r\n\r\n");
			List<String> headLines = List.of(response.substring(0, endOfHead).split("\r\n"));
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (String header : headLines.subList(1, headLines.size())) {
				int colon = header.indexOf(':');
				headers.computeIfAbsent(header.substring(0, colon), (name) -> new ArrayList<>())
					.add(header.substring(colon + 1).strip());
			}
			return new Response(Integer.parseInt(headLines.getFirst().split(" ")[1]),
					HttpHeaders.of(headers, (name, value) -> true), response.substring(endOfHead + 4));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request failed: " + ex, ex);
		}
	}

	/** Rows in each of the {@link #ORDER_TABLES}, in that order. */
	Map<String, Long> rowCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : ORDER_TABLES) {
			counts.put(table, this.jdbc.sql("select count(*) from " + table).query(Long.class).single());
		}
		return counts;
	}

	/** How many rows each table gained since {@code before}. */
	Map<String, Long> rowsAddedSince(Map<String, Long> before) {
		Map<String, Long> added = new LinkedHashMap<>();
		rowCounts().forEach((table, count) -> added.put(table, count - before.get(table)));
		return added;
	}

	/** Rows added per table, in {@link #ORDER_TABLES} order, for comparisons. */
	static Map<String, Long> added(long orders, long lines, long statusChanges, long idempotencyKeys, long outbox) {
		Map<String, Long> added = new LinkedHashMap<>();
		added.put("customer_order", orders);
		added.put("order_line", lines);
		added.put("order_status_change", statusChanges);
		added.put("idempotency_key", idempotencyKeys);
		added.put("messaging.outbox", outbox);
		return added;
	}

	/** A customer id no other test uses. */
	static String newCustomerId() {
		return "cust-" + UUID.randomUUID();
	}

	/**
	 * A valid order of two MUG-001, as a tree that a test may change before sending it
	 * with {@link #json(JsonNode)}. It names no customer: that is whoever sends it.
	 */
	static ObjectNode validOrder() {
		ObjectNode order = JSON.createObjectNode();
		order.putArray("lines").addObject().put("sku", "MUG-001").put("quantity", 2);
		order.putObject("shippingAddress")
			.put("line1", "Hauptstrasse 1")
			.put("city", "Berlin")
			.put("postalCode", "10115")
			.put("country", "DE");
		return order;
	}

	/**
	 * One of the API's own problem types, e.g. {@code urn:eventshop:problem:validation}.
	 */
	static String problemType(String name) {
		return "urn:eventshop:problem:" + name;
	}

	/**
	 * Asserts that a response is an RFC 9457 problem of the given status and type, with a
	 * title and a detail.
	 * @return the problem, for further assertions
	 */
	static JsonNode assertProblem(Response response, int status, String type) {
		assertThat(response.status()).as("status of %s", response).isEqualTo(status);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.path("type").asString()).isEqualTo(type);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("status").isInt()).isTrue();
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("detail").asString()).isNotBlank();
		return problem;
	}

	static String json(JsonNode node) {
		return JSON.writeValueAsString(node);
	}

	/**
	 * A response, its body read as text.
	 *
	 * @param status HTTP status code
	 * @param headers response headers
	 * @param body the body, empty when there was none
	 */
	record Response(int status, HttpHeaders headers, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		Optional<String> header(String name) {
			return this.headers.firstValue(name);
		}

		String contentType() {
			return header("Content-Type").orElse("");
		}

		/** The id of the order in the body. */
		UUID orderId() {
			return UUID.fromString(json().get("id").asString());
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
