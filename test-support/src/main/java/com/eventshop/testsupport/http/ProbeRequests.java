package com.eventshop.testsupport.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the requests of {@link BadRequests} are made: an order that is valid in every field
 * but its SKU, changed, and requests that carry it (or anything else) to a base URL.
 */
final class ProbeRequests {

	/** Valid as a SKU, but not in the catalog. */
	static final String UNSOLD_SKU = "CORPUS-NOT-SOLD";

	static final String ORDERS = "/api/orders";

	private static final JsonMapper json = JsonMapper.builder().build();

	private ProbeRequests() {
	}

	/** An order valid in every field but its SKU, which the catalog does not sell. */
	static String order(Consumer<ObjectNode> change) {
		// no customer: the order service takes the customer from the caller's token
		ObjectNode order = json.createObjectNode();
		order.putArray("lines").addObject().put("sku", UNSOLD_SKU).put("quantity", 1);
		order.putObject("shippingAddress")
			.put("line1", "1 Probe Street")
			.put("city", "London")
			.put("postalCode", "SW1Y 4JH")
			.put("country", "GB");
		change.accept(order);
		return json.writeValueAsString(order);
	}

	static ObjectNode line(ObjectNode order) {
		return order.withObject("/lines/0");
	}

	static ObjectNode address(ObjectNode order) {
		return order.withObject("/shippingAddress");
	}

	/** Lines of distinct unsold SKUs. */
	static void addLines(ArrayNode lines, int count) {
		for (int i = 0; i < count; i++) {
			lines.addObject().put("sku", "CORPUS-" + i).put("quantity", 1);
		}
	}

	/** An order of exactly {@code length} bytes, padded in the city. */
	static BodyPublisher bytesOfLength(int length) {
		int bare = order((o) -> address(o).put("city", "")).length();
		return BodyPublishers.ofString(order((o) -> address(o).put("city", "x".repeat(length - bare))));
	}

	static byte[] withRawCity(int... bytes) {
		return withRaw("RAW-CITY", (o) -> address(o).put("city", "RAW-CITY"), bytes);
	}

	static byte[] withRawCountry(int... bytes) {
		return withRaw("RAW-COUNTRY", (o) -> address(o).put("country", "RAW-COUNTRY"), bytes);
	}

	/** The order with {@code marker} replaced by bytes that need not be UTF-8. */
	static byte[] withRaw(String marker, Consumer<ObjectNode> change, int... bytes) {
		String text = order(change);
		int at = text.indexOf(marker);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
		for (int b : bytes) {
			out.write(b);
		}
		out.writeBytes(text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	/** Without a known length, the client sends the body chunked. */
	static BodyPublisher chunked(byte[] body) {
		return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
	}

	static Function<String, HttpRequest> post(String body) {
		return post(BodyPublishers.ofString(body));
	}

	static Function<String, HttpRequest> post(byte[] body) {
		return post(BodyPublishers.ofByteArray(body));
	}

	static Function<String, HttpRequest> post(BodyPublisher body) {
		return (base) -> builder(base, ORDERS).header("Content-Type", "application/json").POST(body).build();
	}

	static Function<String, HttpRequest> post(String body, @Nullable String contentType) {
		return (base) -> {
			HttpRequest.Builder builder = builder(base, ORDERS);
			if (contentType != null) {
				builder.header("Content-Type", contentType);
			}
			return builder.POST(BodyPublishers.ofString(body)).build();
		};
	}

	static Function<String, HttpRequest> call(String method, String path, @Nullable String jsonBody) {
		return (base) -> {
			HttpRequest.Builder builder = builder(base, path);
			if (jsonBody == null) {
				return builder.method(method, BodyPublishers.noBody()).build();
			}
			return builder.header("Content-Type", "application/json")
				.method(method, BodyPublishers.ofString(jsonBody))
				.build();
		};
	}

	static Function<String, HttpRequest> get(String path, @Nullable String accept) {
		return (base) -> {
			HttpRequest.Builder builder = builder(base, path);
			if (accept != null) {
				builder.header("Accept", accept);
			}
			return builder.GET().build();
		};
	}

	/** HTTP/1.1: a plain-text HTTP/2 upgrade would only add a header to every probe. */
	static HttpRequest.Builder builder(String base, String path) {
		return HttpRequest.newBuilder(URI.create(base + path))
			.version(HttpClient.Version.HTTP_1_1)
			.timeout(Duration.ofSeconds(30));
	}

}
