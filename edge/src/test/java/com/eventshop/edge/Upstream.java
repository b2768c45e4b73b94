package com.eventshop.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for one instance of a service: answers every request (by default with its
 * own name, or as a test says) and remembers what it was sent, so a test can see what the
 * gateway passed on.
 */
final class Upstream implements AutoCloseable {

	record Received(String method, String path, List<String> authorization, List<String> cookies, String body) {

	}

	/**
	 * An answer of the stand-in, always JSON.
	 *
	 * @param status the HTTP status
	 * @param body the body, empty for none
	 */
	record Answer(int status, byte[] body) {

	}

	private final Function<String, Answer> answers;

	private final HttpServer server;

	private final Queue<Received> received = new ConcurrentLinkedQueue<>();

	/** A stand-in that answers every request with {@code {"instance": name}}. */
	Upstream(String name) {
		this((path) -> new Answer(200, ("{\"instance\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8)));
	}

	/** A stand-in that answers each request as the function says for its path. */
	Upstream(Function<String, Answer> answers) {
		this.answers = answers;
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
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			var headers = exchange.getRequestHeaders();
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					headers.getOrDefault("Authorization", List.of()), headers.getOrDefault("Cookie", List.of()), body));
			Answer answer = this.answers.apply(exchange.getRequestURI().getPath());
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), (answer.body().length > 0) ? answer.body().length : -1);
			exchange.getResponseBody().write(answer.body());
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
