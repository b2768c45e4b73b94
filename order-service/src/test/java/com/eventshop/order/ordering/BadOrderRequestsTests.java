package com.eventshop.order.ordering;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.eventshop.order.OrderServiceTest;
import com.eventshop.order.ordering.OrderApi.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.eventshop.order.ordering.OrderApi.assertProblem;
import static com.eventshop.order.ordering.OrderApi.problemType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Proves that {@code POST /api/orders} turns away every kind of bad request, from invalid
 * fields to broken JSON, oversized bodies and bad headers, with a 4xx RFC 9457 problem
 * and without storing anything: no order, line, status change, idempotency key or outbox
 * event.
 */
@OrderServiceTest
class BadOrderRequestsTests {

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
	void theValidOrderEveryCaseStartsFromIsAccepted() {
		assertThat(this.api.placeOrder(validBody()).status()).isEqualTo(201);
	}

	@Test
	void lettersOfEveryScriptAndEmojiAreNotMistakenForBadText() {
		String body = body((o) -> {
			address(o).put("line2", "c/o Zo\u00eb \u00d8rsted-\u0141ukasiewicz \ud83d\ude00");
			address(o).put("city", "Z\u00fcrich").put("line1", "\u6771\u4eac\u90fd 1-1");
		});
		assertThat(this.api.placeOrder(body).status()).isEqualTo(201);
	}

	@ParameterizedTest(name = "{argumentSetName}")
	@MethodSource({ "unknownProducts", "badQuantities", "badLines", "badSkus", "badAddresses", "badText",
			"scalarsForText", "notAnOrder", "badTransport", "badIdempotencyKeys" })
	void rejectsWithProblemAndStoresNothing(BadRequest bad) {
		Map<String, Long> before = this.api.rowCounts();

		Response response = bad.exchange().apply(this.api);

		JsonNode problem = assertProblem(response, bad.status(), bad.type());
		if (bad.field() != null) {
			assertThat(problem.path("errors").findValuesAsString("field")).contains(bad.field());
		}
		if (bad.detailMentions() != null) {
			assertThat(problem.path("detail").asString()).contains(bad.detailMentions());
		}
		if (!bad.skus().isEmpty()) {
			assertThat(problem.path("skus").valueStream().map(JsonNode::asString))
				.containsExactlyElementsOf(bad.skus());
		}
		assertThat(this.api.rowCounts()).isEqualTo(before);
	}

	static Stream<Arguments> unknownProducts() {
		return Stream.of(
				argumentSet("unknown SKU",
						rejected(body((o) -> line(o).put("sku", "NOPE-999")), 422, "unknown-sku", "NOPE-999")),
				argumentSet("unknown SKU next to known ones",
						rejected(body((o) -> addLines(o, "ZZZ-404", "TEE-002")), 422, "unknown-sku", "ZZZ-404")));
	}

	static Stream<Arguments> badQuantities() {
		return Stream.of(argumentSet("quantity 0", invalid("lines[0].quantity", (o) -> line(o).put("quantity", 0))),
				argumentSet("negative quantity", invalid("lines[0].quantity", (o) -> line(o).put("quantity", -3))),
				argumentSet("quantity 1001, over the maximum of 1000",
						invalid("lines[0].quantity", (o) -> line(o).put("quantity", 1001))),
				argumentSet("quantity null", invalid("lines[0].quantity", (o) -> line(o).putNull("quantity"))),
				argumentSet("quantity missing", invalid("lines[0].quantity", (o) -> line(o).remove("quantity"))),
				argumentSet("quantity as string \"5\"",
						malformed(body((o) -> line(o).put("quantity", "5")), "lines[0].quantity")),
				argumentSet("quantity 1.5", malformed(body((o) -> line(o).put("quantity", 1.5)), "lines[0].quantity")),
				argumentSet("quantity as boolean",
						malformed(body((o) -> line(o).put("quantity", true)), "lines[0].quantity")),
				argumentSet("quantity beyond int range",
						malformed(body((o) -> line(o).put("quantity", 3_000_000_000L)), null)));
	}

	static Stream<Arguments> badLines() {
		return Stream.of(argumentSet("no lines (empty array)", invalid("lines", (o) -> o.putArray("lines"))),
				argumentSet("lines missing", invalid("lines", (o) -> o.remove("lines"))),
				argumentSet("lines null", invalid("lines", (o) -> o.putNull("lines"))),
				argumentSet("51 lines, over the maximum of 50",
						invalid("lines", (o) -> addLines(o.putArray("lines"), distinctSkus(51)))),
				argumentSet("a null line", invalid("lines[1]", (o) -> o.withArray("lines").addNull())),
				argumentSet("lines as an object",
						malformed(body((o) -> o.putObject("lines").put("sku", "MUG-001")), "lines")),
				argumentSet("repeated SKU on two lines",
						rejected(body((o) -> addLines(o, "TEE-002", "MUG-001")), 400, "repeated-sku", "MUG-001")));
	}

	static Stream<Arguments> badSkus() {
		return Stream.of(argumentSet("lowercase SKU", invalid("lines[0].sku", (o) -> line(o).put("sku", "mug-001"))),
				argumentSet("SKU with an underscore", invalid("lines[0].sku", (o) -> line(o).put("sku", "MUG_001"))),
				argumentSet("SKU with a space", invalid("lines[0].sku", (o) -> line(o).put("sku", "MUG 001"))),
				argumentSet("SKU missing", invalid("lines[0].sku", (o) -> line(o).remove("sku"))),
				argumentSet("SQL injection in a SKU",
						invalid("lines[0].sku", (o) -> line(o).put("sku", "MUG-001'; drop table product;--"))));
	}

	static Stream<Arguments> badAddresses() {
		return Stream.of(
				argumentSet("shipping address missing", invalid("shippingAddress", (o) -> o.remove("shippingAddress"))),
				argumentSet("lowercase country",
						invalid("shippingAddress.country", (o) -> address(o).put("country", "de"))),
				argumentSet("three-letter country",
						invalid("shippingAddress.country", (o) -> address(o).put("country", "DEU"))),
				argumentSet("postal code missing",
						invalid("shippingAddress.postalCode", (o) -> address(o).remove("postalCode"))));
	}

	/**
	 * Text PostgreSQL cannot store (NUL, once a 500) or would store as something else (an
	 * unpaired surrogate became '?'), and control characters, which have no place on one
	 * line of a name or an address.
	 */
	static Stream<Arguments> badText() {
		return Stream.of(
				argumentSet("NUL in the second address line",
						invalid("shippingAddress.line2", (o) -> address(o).put("line2", "Flat\u00002"))),
				argumentSet("NUL in the city",
						invalid("shippingAddress.city", (o) -> address(o).put("city", "Lon\u0000don"))),
				argumentSet("escape and bell in the first address line",
						invalid("shippingAddress.line1", (o) -> address(o).put("line1", "1 Main St\u001b[2J\u0007"))),
				argumentSet("line break in the second address line",
						invalid("shippingAddress.line2", (o) -> address(o).put("line2", "Flat 2\nFloor 3"))),
				argumentSet("NUL in the postal code",
						invalid("shippingAddress.postalCode", (o) -> address(o).put("postalCode", "SW1\u0000"))),
				// Escaped in the JSON text: as a Java char, the client would send it as
				// '?'.
				argumentSet("unpaired surrogate in the city",
						new BadRequest(
								posting(body((o) -> address(o).put("city", "Lon SURROGATE don")).replace("SURROGATE",
										"\\ud800")),
								400, problemType("validation"), "shippingAddress.city", null, List.of())));
	}

	/** Once coerced to text and accepted: 42 became the text "42". */
	static Stream<Arguments> scalarsForText() {
		return Stream.of(
				argumentSet("city as a number",
						malformed(body((o) -> address(o).put("city", 42)), "shippingAddress.city")),
				argumentSet("first address line as a boolean",
						malformed(body((o) -> address(o).put("line1", true)), "shippingAddress.line1")),
				argumentSet("SKU as a number", malformed(body((o) -> line(o).put("sku", 1001)), "lines[0].sku")),
				argumentSet("postal code as a decimal number",
						malformed(body((o) -> address(o).put("postalCode", 10.115)), "shippingAddress.postalCode")));
	}

	static Stream<Arguments> notAnOrder() {
		return Stream.of(argumentSet("truncated JSON", malformed(truncated(), null)),
				argumentSet("a JSON array instead of an object", malformed("[" + validBody() + "]", null)),
				argumentSet("trailing garbage after the object", malformed(validBody() + " {\"x\": 1}", null)),
				argumentSet("empty body", malformed("", null)),
				argumentSet("JSON nested 2000 levels deep", malformed(deeplyNested(2000), null)),
				// Without duplicate detection the last repeated key wins, and both
				// would be accepted as an order the client may not have meant.
				argumentSet("a repeated top-level key",
						malformed(validBody().replaceFirst("\\{", "{\"lines\": [], "), null)),
				argumentSet("a repeated key inside a line", malformed(body((o) -> line(o).put("quantity", 7))
					.replaceFirst("\"quantity\"\\s*:\\s*7", "\"quantity\": 7, \"quantity\": 1"), null)));
	}

	static Stream<Arguments> badTransport() {
		return Stream.of(
				argumentSet("70KB body with Content-Length",
						sending((api) -> api.orderPost(oversized()), 413, problemType("body-too-large"))),
				argumentSet("70KB body chunked, without Content-Length",
						sending(BadOrderRequestsTests::oversizedChunked, 413, problemType("body-too-large"))),
				argumentSet("Content-Type text/plain",
						sending((api) -> validOrderAs(api, "text/plain"), 415, "about:blank")),
				argumentSet("no Content-Type", sending((api) -> validOrderAs(api, null), 415, "about:blank")));
	}

	static Stream<Arguments> badIdempotencyKeys() {
		return Stream.of(argumentSet("Idempotency-Key of 256 characters", withKey("k".repeat(256))),
				argumentSet("empty Idempotency-Key", withKey("")),
				argumentSet("Idempotency-Key with a space", withKey("order 42")),
				argumentSet("Idempotency-Key with a non-ASCII character",
						new BadRequest(BadOrderRequestsTests::postWithNonAsciiKey, 400, problemType("validation"),
								"idempotencyKey", null, List.of())));
	}

	/**
	 * A bad request and what the API must answer.
	 *
	 * @param exchange sends the request to the running server
	 * @param status expected HTTP status
	 * @param type expected problem type
	 * @param field for validation problems, a field that {@code errors} must name
	 * @param detailMentions text that the problem's {@code detail} must contain
	 * @param skus the SKUs the problem must list in {@code skus}, if any
	 */
	record BadRequest(Function<OrderApi, Response> exchange, int status, String type, @Nullable String field,
			@Nullable String detailMentions, List<String> skus) {

	}

	/** A valid-looking body that the API refuses with a problem listing {@code skus}. */
	private static BadRequest rejected(String body, int status, String type, String... skus) {
		return new BadRequest(posting(body), status, problemType(type), null, null, List.of(skus));
	}

	/** A well-formed body that fails Bean Validation at {@code field}. */
	private static BadRequest invalid(String field, Consumer<ObjectNode> change) {
		return new BadRequest(posting(body(change)), 400, problemType("validation"), field, null, List.of());
	}

	/** A body that cannot be read as an order; the detail says where, if given. */
	private static BadRequest malformed(String body, @Nullable String where) {
		return new BadRequest(posting(body), 400, problemType("malformed-body"), null, where, List.of());
	}

	/** A valid body sent with a bad {@code Idempotency-Key}. */
	private static BadRequest withKey(String idempotencyKey) {
		return new BadRequest((api) -> api.placeOrder(validBody(), idempotencyKey), 400, problemType("validation"),
				"idempotencyKey", null, List.of());
	}

	/** A bad request that {@link HttpClient} sends as built. */
	private static BadRequest sending(Function<OrderApi, HttpRequest.Builder> request, int status, String type) {
		return new BadRequest((api) -> api.send(request.apply(api)), status, type, null, null, List.of());
	}

	private static Function<OrderApi, Response> posting(String body) {
		return (api) -> api.placeOrder(body);
	}

	private static String validBody() {
		return body((order) -> {
		});
	}

	/** A valid order, changed. */
	private static String body(Consumer<ObjectNode> change) {
		ObjectNode order = OrderApi.validOrder();
		change.accept(order);
		return OrderApi.json(order);
	}

	private static ObjectNode line(ObjectNode order) {
		return order.withObject("/lines/0");
	}

	private static ObjectNode address(ObjectNode order) {
		return order.withObject("/shippingAddress");
	}

	/** Adds a line of one unit for each SKU. */
	private static void addLines(ObjectNode order, String... skus) {
		addLines(order.withArray("lines"), skus);
	}

	private static void addLines(ArrayNode lines, String... skus) {
		for (String sku : skus) {
			lines.addObject().put("sku", sku).put("quantity", 1);
		}
	}

	/** SKU-001, SKU-002, ...: distinct and well-formed, though not in the catalog. */
	private static String[] distinctSkus(int count) {
		return IntStream.rangeClosed(1, count).mapToObj("SKU-%03d"::formatted).toArray(String[]::new);
	}

	/** A 70KB order sent chunked: the server learns its size only by reading it. */
	private static HttpRequest.Builder oversizedChunked(OrderApi api) {
		byte[] body = oversized().getBytes(StandardCharsets.UTF_8);
		return api.request("/api/orders")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
	}

	/** A valid order sent as some other content type, or none. */
	private static HttpRequest.Builder validOrderAs(OrderApi api, @Nullable String contentType) {
		HttpRequest.Builder request = api.request("/api/orders").POST(BodyPublishers.ofString(validBody()));
		return (contentType != null) ? request.header("Content-Type", contentType) : request;
	}

	/**
	 * Sends a valid order with an {@code Idempotency-Key} that holds an "é" as UTF-8
	 * bytes; {@link HttpClient} would send a "?" instead.
	 */
	private static Response postWithNonAsciiKey(OrderApi api) {
		return api.sendRaw("POST /api/orders HTTP/1.0\r\nContent-Type: application/json\r\n"
				+ "Idempotency-Key: bestellung-\u00e9", validBody());
	}

	private static String truncated() {
		String valid = validBody();
		return valid.substring(0, valid.length() / 2);
	}

	/** A valid order whose first address line alone makes it about 70KB. */
	private static String oversized() {
		return body((o) -> o.withObject("/shippingAddress").put("line1", "x".repeat(70 * 1024)));
	}

	/**
	 * A valid order with an extra field {@code note} that holds {@code {"a":{"a":...}}},
	 * {@code depth} objects deep. Written as text: Jackson would refuse to build it.
	 */
	private static String deeplyNested(int depth) {
		String nested = "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
		return "{\"note\":" + nested + "," + validBody().substring(1);
	}

}
