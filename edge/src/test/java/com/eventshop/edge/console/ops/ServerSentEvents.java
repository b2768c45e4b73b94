package com.eventshop.edge.console.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Reads a server-sent event stream as a browser's {@code EventSource} would, one event at
 * a time; closing it hangs up, as a closed page does.
 */
final class ServerSentEvents implements AutoCloseable {

	private final InputStream body;

	private final BufferedReader lines;

	ServerSentEvents(InputStream body) {
		this.body = body;
		this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
	}

	/**
	 * The data of the next event of that name whose data matches, skipping others; fails
	 * when the stream ends first or nothing matches for that long (the stream's comments
	 * keep lines coming while it is quiet).
	 */
	String next(String event, Predicate<String> matching, Duration patience) {
		long deadline = System.nanoTime() + patience.toNanos();
		String name = "message";
		StringBuilder data = new StringBuilder();
		try {
			for (String line = this.lines.readLine(); line != null; line = this.lines.readLine()) {
				if (line.isEmpty()) {
					if (name.equals(event) && matching.test(data.toString())) {
						return data.toString();
					}
					name = "message";
					data.setLength(0);
					if (System.nanoTime() > deadline) {
						throw new AssertionError("No matching " + event + " event within " + patience);
					}
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).strip());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new AssertionError("The stream ended before a matching " + event + " event");
	}

	@Override
	public void close() throws IOException {
		this.body.close();
	}

}
