package com.eventshop.edge.console.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.eventshop.edge.EdgeSettings;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The break-it load's accounting against stand-ins for the authorization server and the
 * services, where orders stay open until the test lets them all ship at once, each with
 * its shipping e-mail sent twice: the last count, the one the panel keeps, sees those
 * duplicates though no earlier count saw the orders shipped; and orders that stop
 * reaching a final state are called missing (stalled) until they get there.
 */
class LoadRunTests {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private final HttpServer server = server();

	private volatile boolean shipping;

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void duplicatedEmailsOfOrdersThatShipOnlyAfterTheLoadStoppedAreCounted() {
		LoadRun run = new LoadRun(calls(), token(), 20);
		runAndStop(run);
		this.shipping = true;

		await().atMost(PATIENCE).until(() -> run.accounting().open() == 0 && run.accounting().stockConserved() != null);
		LoadRun.Accounting settled = run.accounting();
		assertThat(settled.completed()).isEqualTo(settled.accepted());
		assertThat(settled.shipped()).isEqualTo(settled.accepted());
		assertThat(settled.duplicated()).isEqualTo(settled.accepted());
		assertThat(settled.stalled()).isFalse();
	}

	@Test
	void ordersThatStopReachingAFinalStateAreMissingUntilTheyGetThere() {
		LoadRun run = new LoadRun(calls(), token(), 20, Duration.ofSeconds(1));
		runAndStop(run);

		await().atMost(PATIENCE).until(() -> run.accounting().stalled());
		LoadRun.Accounting stalled = run.accounting();
		assertThat(stalled.running()).isFalse();
		assertThat(stalled.open()).isEqualTo(stalled.accepted()).isPositive();
		assertThat(stalled.completed()).isZero();

		this.shipping = true;
		await().atMost(PATIENCE).until(() -> run.accounting().open() == 0);
		assertThat(run.accounting().stalled()).isFalse();
		assertThat(run.accounting().completed()).isEqualTo(stalled.accepted());
	}

	/**
	 * Runs the load until it has placed a few orders, then stops it and waits until it
	 * has.
	 */
	private static void runAndStop(LoadRun run) {
		run.start();
		await().atMost(PATIENCE).until(() -> run.accounting().accepted() >= 3);
		run.stop();
		await().atMost(PATIENCE).until(() -> !run.accounting().running());
	}

	private ServiceCalls calls() {
		List<URI> here = List.of(URI.create(base()));
		return new ServiceCalls(
				new EdgeSettings(Map.of("order-service", here, "inventory-service", here, "email-service", here),
						new EdgeSettings.PlacementLimit(20, Duration.ofMinutes(1), 1000), 256),
				RestClient.builder());
	}

	private LoadToken token() {
		return new LoadToken(RestClient.create(), base() + "/oauth2/token", "secret");
	}

	private String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private HttpServer server() {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			http.createContext("/", this::answer);
			http.start();
			return http;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String body;
		int status = 200;
		if (path.equals("/oauth2/token")) {
			body = "{\"access_token\": \"load\", \"expires_in\": 300}";
		}
		else if (path.equals("/api/orders") && exchange.getRequestMethod().equals("POST")) {
			status = 201;
			body = "{\"id\": \"" + UUID.randomUUID() + "\", \"status\": \"PENDING\"}";
		}
		else if (path.startsWith("/api/orders/")) {
			body = "{\"status\": \"" + (this.shipping ? "SHIPPED" : "PENDING") + "\"}";
		}
		else if (path.equals("/api/stock")) {
			// stock is not what this test is about: it never moves, so it is not
			// conserved
			body = "[{\"sku\": \"MUG-001\", \"available\": 100, \"reserved\": 0}]";
		}
		else if (path.equals("/api/emails")) {
			body = "[{\"kind\": \"ORDER_SHIPPED\"}, {\"kind\": \"ORDER_SHIPPED\"}]";
		}
		else {
			status = 404;
			body = "{}";
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
