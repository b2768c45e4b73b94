package com.eventshop.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for one instance of a service: answers every request with its own name and
 * remembers what it was sent, so a test can see what the gateway passed on.
 */
final class Upstream implements AutoCloseable {

	record Received(String method, String path, List<String> authorization, List<String> cookies) {

	}

	private final String name;

	private final HttpServer server;

	private final Queue<Received> received = new ConcurrentLinkedQueue<>();

	Upstream(String name) {
		this.name = name;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			var headers = exchange.getRequestHeaders();
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					headers.getOrDefault("Authorization", List.of()), headers.getOrDefault("Cookie", List.of())));
			byte[] body = ("{\"instance\":\"" + this.name + "\"}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	void forget() {
		this.received.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
