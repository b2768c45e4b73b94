package com.eventshop.testsupport.http;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static com.eventshop.testsupport.http.ProbeRequests.ORDERS;
import static com.eventshop.testsupport.http.ProbeRequests.UNSOLD_SKU;
import static com.eventshop.testsupport.http.ProbeRequests.addLines;
import static com.eventshop.testsupport.http.ProbeRequests.address;
import static com.eventshop.testsupport.http.ProbeRequests.builder;
import static com.eventshop.testsupport.http.ProbeRequests.bytesOfLength;
import static com.eventshop.testsupport.http.ProbeRequests.call;
import static com.eventshop.testsupport.http.ProbeRequests.chunked;
import static com.eventshop.testsupport.http.ProbeRequests.get;
import static com.eventshop.testsupport.http.ProbeRequests.line;
import static com.eventshop.testsupport.http.ProbeRequests.order;
import static com.eventshop.testsupport.http.ProbeRequests.post;
import static com.eventshop.testsupport.http.ProbeRequests.withRawCity;
import static com.eventshop.testsupport.http.ProbeRequests.withRawCountry;

/**
 * Bad requests to order-service's public API, each with the one status it must be
 * answered with: always a 4xx RFC 9457 problem, never a 5xx, and never a change to any
 * table. Bodies that are valid apart from their fault order a SKU the catalog does not
 * sell, so a fault that slipped through would be answered 422 unknown-sku (a wrong
 * answer) instead of being stored as an order. An {@code Idempotency-Key} reused with a
 * different body is left out: its first use would have to store an order.
 * <p>
 * Also left out, because order-service does not yet answer them with a problem: requests
 * Tomcat refuses before Spring sees them (an encoded slash or NUL in the path, a DEL in a
 * header: an HTML page) and {@code TRACE} (Spring Boot's plain JSON error).
 * <p>
 * One corpus for every level: order-service's own tests send it to the service in their
 * JVM, and the failure tests of {@code system-tests} to the service of a running stack.
 */
public final class BadRequests {

	/** A well-formed order id no order has. */
	public static final String NO_SUCH_ORDER = "00000000-0000-4000-8000-00000000c0de";

	private static final int EXCERPT = 8 * 1024;

	private static final JsonMapper json = JsonMapper.builder().build();

	private BadRequests() {
	}

	/** Every probe, in a fixed order. */
	public static List<Probe> corpus() {
		List<Probe> probes = new ArrayList<>();
		probes.addAll(notAnOrder());
		probes.addAll(wrongTypes());
		probes.addAll(badQuantitiesAndLines());
		probes.addAll(missingFields());
		probes.addAll(badValues());
		probes.addAll(injections());
		probes.addAll(badIdempotencyKeys());
		probes.addAll(badTransport());
		probes.addAll(badPathsAndQueries());
		return List.copyOf(probes);
	}

	/** Too large, too deep, or not JSON of an object at all. */
	static List<Probe> notAnOrder() {
		String valid = order((o) -> {
		});
		byte[] threeMegabytes = order((o) -> address(o).put("city", "x".repeat(3 << 20)))
			.getBytes(StandardCharsets.UTF_8);
		return List.of(
				new Probe("3 MB body with Content-Length", post(BodyPublishers.ofByteArray(threeMegabytes)), 413),
				new Probe("3 MB body chunked, without Content-Length", post(chunked(threeMegabytes)), 413),
				new Probe("body one byte over the 64 KB limit", post(bytesOfLength(64 * 1024 + 1)), 413),
				new Probe("10,000 nested arrays", post("[".repeat(10_000) + "]".repeat(10_000)), 400),
				new Probe("10,000 nested objects", post("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)), 400),
				new Probe("truncated JSON", post(valid.substring(0, valid.length() / 2)), 400),
				new Probe("form fields instead of JSON", post("customer=ada&sku=MUG-001&quantity=1"), 400),
				new Probe("single-quoted JSON", post(valid.replace('"', '\'')), 400),
				new Probe("JSON with a comment", post("/* order */ " + valid), 400),
				new Probe("empty body", post(""), 400), new Probe("whitespace only", post(" \n\t "), 400),
				new Probe("JSON null", post("null"), 400),
				new Probe("the order inside an array", post("[" + valid + "]"), 400),
				new Probe("a JSON string", post("\"order\""), 400), new Probe("a JSON number", post("42"), 400),
				new Probe("trailing content after the order", post(valid + " {\"again\": true}"), 400),
				new Probe("NaN quantity", post(valid.replace("\"quantity\":1", "\"quantity\":NaN")), 400),
				new Probe("invalid UTF-8 bytes FF FE in the city", post(withRawCity(0xFF, 0xFE)), 400),
				new Probe("UTF-8-encoded surrogate ED A0 80 in the city", post(withRawCity(0xED, 0xA0, 0x80)), 400),
				// Jackson decodes C0 AF to '/', which the
				// id's pattern refuses; 400 either way
				new Probe("overlong UTF-8 C0 AF in the country", post(withRawCountry(0xC0, 0xAF)), 400));
	}

	/** A value of the wrong JSON type for each kind of field. */
	static List<Probe> wrongTypes() {
		return List.of(body("address as a string", (o) -> o.put("shippingAddress", "ada")),
				body("address as an array", (o) -> o.putArray("shippingAddress").add("ada")),
				body("city as an object", (o) -> address(o).putObject("city").put("first", "Ada")),
				body("lines as an object", (o) -> o.putObject("lines").put("sku", UNSOLD_SKU)),
				body("lines as a string", (o) -> o.put("lines", UNSOLD_SKU)),
				body("a line as a string", (o) -> o.putArray("lines").add(UNSOLD_SKU)),
				body("SKU as an object", (o) -> line(o).putObject("sku").put("code", UNSOLD_SKU)),
				body("SKU as a number", (o) -> line(o).put("sku", 1001)),
				body("quantity as a string", (o) -> line(o).put("quantity", "5")),
				body("quantity as a boolean", (o) -> line(o).put("quantity", true)),
				body("quantity as an array", (o) -> line(o).putArray("quantity").add(1)),
				body("shipping address as a string", (o) -> o.put("shippingAddress", "1 Probe Street, London")),
				body("country as a number", (o) -> address(o).put("country", 44)),
				body("postal code as a number", (o) -> address(o).put("postalCode", 10115)),
				body("second address line as an object", (o) -> address(o).putObject("line2").put("flat", 2)));
	}

	static List<Probe> badQuantitiesAndLines() {
		return List.of(body("negative quantity", (o) -> line(o).put("quantity", -1)),
				body("quantity 0", (o) -> line(o).put("quantity", 0)),
				body("fractional quantity", (o) -> line(o).put("quantity", 1.5)),
				body("quantity 2^31", (o) -> line(o).put("quantity", 1L << 31)),
				body("quantity -2^31 - 1", (o) -> line(o).put("quantity", -(1L << 31) - 1)),
				body("quantity 1e20", (o) -> line(o).put("quantity", 1e20)),
				body("quantity 1001, over the maximum", (o) -> line(o).put("quantity", 1001)),
				body("quantity of 2,000 digits", (o) -> line(o).put("quantity", BigInteger.TEN.pow(1999))),
				body("quantity null", (o) -> line(o).putNull("quantity")), body("no lines", (o) -> o.putArray("lines")),
				body("51 lines, over the maximum", (o) -> addLines(o.putArray("lines"), 51)),
				body("a null line", (o) -> o.withArray("lines").addNull()),
				new Probe("an SKU the catalog does not sell", post(order((o) -> {
				})), 422),
				body("an unsold SKU beside a sold one", 422,
						(o) -> o.withArray("lines").insertObject(0).put("sku", "MUG-001").put("quantity", 1)),
				body("the same SKU on two lines", (o) -> {
					o.withArray("lines").addObject().put("sku", "MUG-001").put("quantity", 1);
					o.withArray("lines").addObject().put("sku", "MUG-001").put("quantity", 2);
				}));
	}

	/** Each required member left out, one at a time. */
	static List<Probe> missingFields() {
		return List.of(body("lines missing", (o) -> o.remove("lines")),
				body("SKU missing", (o) -> line(o).remove("sku")),
				body("quantity missing", (o) -> line(o).remove("quantity")),
				body("shipping address missing", (o) -> o.remove("shippingAddress")),
				body("first address line missing", (o) -> address(o).remove("line1")),
				body("city missing", (o) -> address(o).remove("city")),
				body("postal code missing", (o) -> address(o).remove("postalCode")),
				body("country missing", (o) -> address(o).remove("country")));
	}

	/** Over-long, blank or badly formed values. */
	static List<Probe> badValues() {
		return List.of(body("postal code of 65 characters", (o) -> address(o).put("postalCode", "c".repeat(65))),
				body("city of 201 characters", (o) -> address(o).put("city", "n".repeat(201))),
				body("city of 60,000 characters", (o) -> address(o).put("city", "n".repeat(60_000))),
				body("blank city", (o) -> address(o).put("city", "   ")),
				body("country of 255 characters",
						(o) -> address(o).put("country", "e".repeat(64) + "@" + "d".repeat(186) + ".com")),
				body("first address line of 201 characters", (o) -> address(o).put("line1", "l".repeat(201))),
				body("second address line of 201 characters", (o) -> address(o).put("line2", "l".repeat(201))),
				body("city of 101 characters", (o) -> address(o).put("city", "c".repeat(101))),
				body("postal code of 21 characters", (o) -> address(o).put("postalCode", "9".repeat(21))),
				body("SKU of 41 characters", (o) -> line(o).put("sku", "S".repeat(41))),
				body("lowercase SKU", (o) -> line(o).put("sku", "mug-001")),
				body("country as a name", (o) -> address(o).put("country", "probe.example.com")),
				body("country with two @", (o) -> address(o).put("country", "probe@@example.com")),
				body("country with a space", (o) -> address(o).put("country", "pro be@example.com")),
				body("country in lower case", (o) -> address(o).put("country", "gb")),
				body("country as an e-mail", (o) -> address(o).put("country", "@example.com")),
				body("lowercase country", (o) -> address(o).put("country", "gb")),
				body("three-letter country", (o) -> address(o).put("country", "GBR")));
	}

	/**
	 * Strings meant to break out of SQL, HTML or text. Where a field takes any text (a
	 * name) the service must keep it as text: the answer is the unsold SKU's 422.
	 */
	static List<Probe> injections() {
		String sql = "'; drop table customer_order; --";
		String script = "<script>alert(1)</script>";
		return List.of(body("SQL in the postal code", (o) -> address(o).put("postalCode", sql)),
				body("SQL in the SKU", (o) -> line(o).put("sku", "MUG-001" + sql)),
				body("SQL in the city", 422, (o) -> address(o).put("city", sql)),
				body("script tag in the country", (o) -> address(o).put("country", script + "@example.com")),
				body("script tag in the city", 422, (o) -> address(o).put("city", script)),
				body("NUL in the city", (o) -> address(o).put("city", "Lon\u0000don")),
				body("NUL in the country", (o) -> address(o).put("country", "probe\u0000@example.com")),
				body("escape and bell in the first address line",
						(o) -> address(o).put("line1", "1 Probe St\u001b[2J\u0007")),
				body("line break in the postal code", (o) -> address(o).put("postalCode", "SW1Y\r\n4JH")),
				// escaped in the JSON text: as a Java char, the client would send '?'
				new Probe("unpaired surrogate in the city", post(
						order((o) -> address(o).put("city", "Probe SURROGATE Name")).replace("SURROGATE", "\\ud800")),
						400));
	}

	/**
	 * The service takes 1 to 255 visible ASCII characters. Header values that the HTTP
	 * client refuses to send (line breaks, bytes over 0x7F) are not here.
	 */
	static List<Probe> badIdempotencyKeys() {
		return List.of(keyed("empty Idempotency-Key", ""), keyed("Idempotency-Key of 256 characters", "k".repeat(256)),
				keyed("Idempotency-Key with a space", "order 42"), keyed("Idempotency-Key with a tab", "order\t42"));
	}

	/** Wrong content types, methods and media types asked for. */
	static List<Probe> badTransport() {
		String valid = order((o) -> {
		});
		return List.of(new Probe("Content-Type text/plain", post(valid, "text/plain"), 415),
				new Probe("Content-Type application/xml", post("<order><sku>MUG-001</sku></order>", "application/xml"),
						415),
				new Probe("form-encoded body", post("sku=MUG-001&quantity=1", "application/x-www-form-urlencoded"),
						415),
				new Probe("no Content-Type", post(valid, null), 415),
				new Probe("unparseable Content-Type", post(valid, "json please"), 415),
				new Probe("PUT on the orders", call("PUT", ORDERS, valid), 405),
				new Probe("DELETE on the orders", call("DELETE", ORDERS, null), 405),
				new Probe("PATCH on the orders", call("PATCH", ORDERS, valid), 405),
				new Probe("DELETE of an order", call("DELETE", ORDERS + "/" + NO_SUCH_ORDER, null), 405),
				new Probe("POST to an order", call("POST", ORDERS + "/" + NO_SUCH_ORDER, valid), 405),
				new Probe("GET of a cancel", call("GET", ORDERS + "/" + NO_SUCH_ORDER + "/cancel", null), 405),
				new Probe("POST to the products", call("POST", "/api/products", "{}"), 405),
				new Probe("products as XML", get("/api/products", "application/xml"), 406));
	}

	/** Malformed or unknown ids in paths, and refused parameters of the listing. */
	static List<Probe> badPathsAndQueries() {
		return List.of(new Probe("order id that is no UUID", get(ORDERS + "/not-a-uuid", null), 400),
				new Probe("order id one digit too long", get(ORDERS + "/" + NO_SUCH_ORDER + "0", null), 400),
				new Probe("unknown order", get(ORDERS + "/" + NO_SUCH_ORDER, null), 404),
				new Probe("cancel of an unknown order", call("POST", ORDERS + "/" + NO_SUCH_ORDER + "/cancel", null),
						404),
				new Probe("cancel of an id that is no UUID", call("POST", ORDERS + "/not-a-uuid/cancel", null), 400),
				new Probe("a path that does not exist", get("/api/no-such-thing", null), 404),
				new Probe("listing with a blank customerId", get(ORDERS + "?customerId=", null), 400),
				new Probe("listing with a customerId of 65 characters",
						get(ORDERS + "?customerId=" + "c".repeat(65), null), 400),
				new Probe("listing with NUL in the customerId", get(ORDERS + "?customerId=corpus%00probe", null), 400),
				new Probe("listing with SQL in the customerId",
						get(ORDERS + "?customerId=%27%20or%20%271%27%3D%271", null), 400),
				new Probe("listing with a customerId that is no UTF-8", get(ORDERS + "?customerId=a%ff%feb", null),
						400),
				new Probe("listing with an overlong UTF-8 slash", get(ORDERS + "?customerId=%c0%af", null), 400),
				new Probe("listing with an encoded lone surrogate", get(ORDERS + "?customerId=%ed%a0%80", null), 400),
				new Probe("listing a page past the largest offset", get(ORDERS + "?size=100&page=2147483647", null),
						400));
	}

	/** Sends a probe and keeps what came back (the body cut to 8 KB). */
	public static Answer send(HttpClient client, String baseUrl, Probe probe) throws IOException, InterruptedException {
		return send(client, baseUrl, Map.of(), probe);
	}

	/**
	 * Sends a probe with extra headers (for example a bearer token, so that the probe
	 * reaches the checks behind authentication) and keeps what came back.
	 */
	public static Answer send(HttpClient client, String baseUrl, Map<String, String> headers, Probe probe)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(probe.request().apply(baseUrl), (name, value) -> true);
		headers.forEach(request::setHeader);
		HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		byte[] body = response.body();
		String excerpt = new String(body, 0, Math.min(body.length, EXCERPT), StandardCharsets.UTF_8);
		return new Answer(probe.name(), response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				excerpt);
	}

	/**
	 * What is wrong with an answer; empty when it is right: the expected 4xx, as an RFC
	 * 9457 problem whose {@code status} is the HTTP status, with a {@code title}.
	 */
	public static List<String> faults(Probe probe, Answer answer) {
		List<String> faults = new ArrayList<>();
		if (answer.status() != probe.expectedStatus()) {
			faults.add("status " + answer.status() + ", expected " + probe.expectedStatus());
		}
		if (answer.status() < 400 || answer.status() >= 500) {
			faults.add("not a 4xx");
		}
		if (!answer.contentType().split(";")[0].trim().equalsIgnoreCase("application/problem+json")) {
			faults.add("content type '" + answer.contentType() + "', not application/problem+json");
		}
		JsonNode problem = parse(answer.body());
		if (problem == null || !problem.isObject()) {
			faults.add("body is not a JSON object");
		}
		else {
			if (!problem.path("status").isIntegralNumber() || problem.path("status").asInt() != answer.status()) {
				faults.add("problem status " + problem.path("status") + " is not the HTTP status");
			}
			if (!problem.path("title").isString() || problem.path("title").asString().isBlank()) {
				faults.add("problem has no title");
			}
		}
		return faults;
	}

	private static @Nullable JsonNode parse(String body) {
		try {
			return json.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** A body-level probe answered 400: the order with one change. */
	private static Probe body(String name, Consumer<ObjectNode> change) {
		return body(name, 400, change);
	}

	private static Probe body(String name, int expectedStatus, Consumer<ObjectNode> change) {
		return new Probe(name, post(order(change)), expectedStatus);
	}

	/**
	 * A valid body (but for its unsold SKU) with a bad key: answered 400, before the SKU.
	 */
	private static Probe keyed(String name, String key) {
		String body = order((o) -> {
		});
		return new Probe(name,
				(base) -> builder(base, ORDERS).header("Content-Type", "application/json")
					.header("Idempotency-Key", key)
					.POST(BodyPublishers.ofString(body))
					.build(),
				400);
	}

	/**
	 * One bad request.
	 *
	 * @param name what is wrong with it
	 * @param request the request, built against a base URL such as
	 * {@code http://127.0.0.1:8081}
	 * @param expectedStatus the one status that is right
	 */
	public record Probe(String name, Function<String, HttpRequest> request, int expectedStatus) {
	}

	/**
	 * What the service answered to a probe.
	 *
	 * @param name the probe's name
	 * @param status the HTTP status
	 * @param contentType the Content-Type header, empty when there was none
	 * @param body the body, its first 8 KB
	 */
	public record Answer(String name, int status, String contentType, String body) {
	}

}
