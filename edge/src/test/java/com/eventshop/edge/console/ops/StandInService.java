package com.eventshop.edge.console.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for one service's operator endpoints, with the same shapes the real ones
 * answer (common-messaging's dead-letter and outbox controllers, the actuator's
 * Prometheus text, the analytics API and its rebuild): its dead letters change when they
 * are parked or replayed, every action is audited with the caller's token subject, and a
 * token without the operator role is refused with 403 as the services do. Once a rebuild
 * has swapped, the analytics summary counts one order more, as a rebuild that found an
 * order the live projection had missed would.
 */
final class StandInService implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String group;

	private final HttpServer server;

	private final List<Map<String, Object>> letters = new CopyOnWriteArrayList<>();

	private final List<Map<String, Object>> actions = new CopyOnWriteArrayList<>();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final StandInRebuild rebuild = new StandInRebuild();

	StandInService(String group) {
		this.group = group;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	/** Adds a dead letter of this service's group at the given offset. */
	StandInService deadLetter(long offset, String type, String reason, String payload) {
		this.letters.add(new LinkedHashMap<>(Map.ofEntries(Map.entry("group", this.group),
				Map.entry("topic", "shop.orders.v1." + this.group + ".dlt"), Map.entry("partition", 0),
				Map.entry("offset", offset), Map.entry("key", "order-" + offset), Map.entry("type", type),
				Map.entry("eventId", "event-" + offset), Map.entry("reason", reason),
				Map.entry("failureClass", "com.eventshop.messaging.consumer.PoisonEventException"),
				Map.entry("failureMessage", reason + " at offset " + offset),
				Map.entry("deadLetteredAt", Instant.now().toString()), Map.entry("payloadPreview", payload),
				Map.entry("status", "NEW"))));
		return this;
	}

	List<Map<String, Object>> actions() {
		return List.copyOf(this.actions);
	}

	/** The analytics rebuild this stand-in answers for. */
	StandInRebuild rebuild() {
		return this.rebuild;
	}

	/** How many requests reached this stand-in with the given method and path. */
	long received(String method, String path) {
		return this.received.stream().filter((request) -> request.equals(method + " " + path)).count();
	}

	/** How many requests reached this stand-in at all. */
	long received() {
		return this.received.size();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
			String subject = operator(exchange);
			if (subject == null) {
				send(exchange, 403, "application/problem+json", "{\"status\":403,\"title\":\"Forbidden\"}");
				return;
			}
			String path = exchange.getRequestURI().getPath();
			switch (path) {
				case "/actuator/prometheus" -> send(exchange, 200, "text/plain", """
						# HELP eventshop_consumer_handled_seconds_count
						eventshop_consumer_handled_seconds_count{group="%1$s",type="shop.order.placed.v1"} 40.0
						eventshop_consumer_handled_seconds_count{group="%1$s",type="shop.order.confirmed.v1"} 2.0
						eventshop_consumer_failures_total{group="%1$s"} 3.0
						eventshop_consumer_dead_letters{group="%1$s"} %2$d.0
						eventshop_outbox_backlog 4.0
						eventshop_outbox_oldest_age 1.5
						eventshop_outbox_parked 0.0
						eventshop_saga_stuck{status="PENDING"} 2.0
						eventshop_saga_oldest_age{status="PENDING"} 3600.0
						""".formatted(this.group, this.letters.size()));
				case "/api/admin/dead-letters" -> send(exchange, 200, "application/json", json.writeValueAsString(
						Map.of("content", this.letters, "page", 0, "size", 200, "totalElements", this.letters.size())));
				case "/api/admin/dead-letters/actions" ->
					send(exchange, 200, "application/json", json.writeValueAsString(this.actions.reversed()));
				case "/api/admin/dead-letters/unexpected" -> send(exchange, 200, "application/json", "[]");
				case "/api/admin/outbox/parked" ->
					send(exchange, 200, "application/json", "{\"rows\":[],\"page\":0,\"size\":50,\"total\":0}");
				case "/api/admin/dead-letters/park", "/api/admin/dead-letters/replay" -> {
					String action = path.endsWith("park") ? "PARKED" : "REPLAYED";
					int count = act(json.readTree(body), action, subject);
					send(exchange, 200, "application/json",
							"{\"" + (action.equals("PARKED") ? "parked" : "replayed") + "\":" + count + "}");
				}
				case "/api/admin/projections/rebuild" -> {
					StandInRebuild.Answer answer = this.rebuild.answer(exchange.getRequestMethod());
					send(exchange, answer.status(),
							(answer.status() < 400) ? "application/json" : "application/problem+json", answer.body());
				}
				case "/api/analytics/summary" -> send(exchange, 200, "application/json", """
						{"from":"2026-12-01T00:00:00Z","to":"2026-12-02T00:00:00Z","placedOrders":%d,
						 "currencies":[{"currency":"EUR","placedOrders":12,"placedValue":"240.00","soldOrders":9,
						  "revenue":"180.00","averageOrderValue":"20.00"}],
						 "outcomes":{"pending":1,"confirmed":1,"shipped":7,"rejected":2,"cancelled":1},
						 "rejectionRate":"0.1667",
						 "timeToConfirm":{"count":9,"p50Ms":120,"p95Ms":480,"maxMs":900},
						 "timeToShip":{"count":7,"p50Ms":2100,"p95Ms":2600,"maxMs":3000},
						 "topSkus":[{"sku":"SKU-MUG","units":5,"revenue":"100.00","currency":"EUR"}]}"""
					.formatted(this.rebuild.swappedOnce() ? 13 : 12));
				case "/api/analytics/timeseries" -> send(exchange, 200, "application/json",
						"""
								{"bucket":"hour","from":"2026-12-01T00:00:00Z","to":"2026-12-02T00:00:00Z","points":[
								 {"start":"2026-12-01T10:00:00Z","currency":"EUR","placedOrders":5,"placedValue":"100.00","soldOrders":4,"revenue":"80.00"},
								 {"start":"2026-12-01T11:00:00Z","currency":"EUR","placedOrders":7,"placedValue":"140.00","soldOrders":5,"revenue":"100.00"}]}""");
				default -> send(exchange, 404, "application/problem+json", "{\"status\":404}");
			}
		}
	}

	private int act(JsonNode selection, String status, String actor) {
		List<Map<String, Object>> chosen = new ArrayList<>();
		for (Map<String, Object> letter : this.letters) {
			boolean named = false;
			for (JsonNode ref : selection.path("records")) {
				named |= ref.path("offset").asLong() == ((Number) letter.get("offset")).longValue();
			}
			boolean all = selection.path("all").asBoolean(false) && "NEW".equals(letter.get("status"));
			if (named || all) {
				chosen.add(letter);
			}
		}
		for (Map<String, Object> letter : chosen) {
			letter.put("status", status);
			this.actions.add(Map.of("consumer", this.group, "dlt_topic", letter.get("topic"), "dlt_partition", 0,
					"dlt_offset", letter.get("offset"), "action", status, "actor", actor, "note",
					selection.path("note").asString(""), "acted_at", Instant.now().toString()));
		}
		return chosen.size();
	}

	/** The token's subject when it carries the operator role, else null. */
	private static String operator(HttpExchange exchange) {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		String[] parts = authorization.substring(7).split("\\.");
		if (parts.length < 2) {
			return null;
		}
		JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
		for (JsonNode role : claims.path("roles")) {
			if (role.asString().equals("operator")) {
				return claims.path("sub").asString();
			}
		}
		return null;
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
