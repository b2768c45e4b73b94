package com.eventshop.localstack.supervisor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How the supervisor tells that a process it started is ready for others to use it.
 */
public sealed interface Readiness {

	boolean ready();

	/** The form kept in the stack's folder, read back by {@link #parse(String)}. */
	String text();

	static Readiness parse(String text) {
		if (text.startsWith("port:")) {
			return new Port(Integer.parseInt(text.substring(5)));
		}
		if (text.startsWith("http:")) {
			String rest = text.substring(5);
			int space = rest.indexOf(' ');
			return (space < 0) ? new Http(URI.create(rest), "")
					: new Http(URI.create(rest.substring(0, space)), rest.substring(space + 1));
		}
		throw new IllegalArgumentException("Unknown readiness: " + text);
	}

	/** Something accepts connections on the port. */
	record Port(int port) implements Readiness {

		@Override
		public boolean ready() {
			return Ports.listening(this.port);
		}

		@Override
		public String text() {
			return "port:" + this.port;
		}

	}

	/**
	 * A GET answers 200 with a body that contains {@code expected}. Slow answers are
	 * given time: on a busy machine a starting JVM may take seconds to answer.
	 */
	record Http(URI uri, String expected) implements Readiness {

		private static final HttpClient client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.version(HttpClient.Version.HTTP_1_1)
			.build();

		@Override
		public boolean ready() {
			try {
				HttpResponse<String> response = client.send(
						HttpRequest.newBuilder(this.uri).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString());
				return response.statusCode() == 200 && response.body().contains(this.expected);
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		@Override
		public String text() {
			return "http:" + this.uri + (this.expected.isEmpty() ? "" : " " + this.expected);
		}

	}

}
