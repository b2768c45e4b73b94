package com.eventshop.edge.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The console's live pages, server side: while a page's stream is open, looks at its
 * source every interval and sends the source's snapshot as a server-sent event when it
 * differs from the last one sent, or a comment when it does not (which keeps proxies from
 * closing a quiet stream and finds out that the browser has gone). A stream ends when the
 * browser goes, when its source says so, when its source fails, and after
 * {@code eventshop.console.stream-limit} (the browser reconnects by itself).
 * <p>
 * The stream is written on the request's own thread: the edge runs on virtual threads, so
 * a waiting stream costs no platform thread, and the caller's session (and with it the
 * token, refreshed when it expires) stays at hand the way it is for every other request.
 * Streams are bounded per user and in all ({@code eventshop.console.streams.*}); one
 * beyond either bound is refused at once with a 503 problem detail.
 */
@Component
public class LiveStreams {

	private static final Log log = LogFactory.getLog(LiveStreams.class);

	private final ConsoleSettings settings;

	private final StreamSlots slots;

	private final JsonMapper json;

	LiveStreams(ConsoleSettings settings, JsonMapper json) {
		this.settings = settings;
		this.slots = new StreamSlots(settings.streams().perUser(), settings.streams().overall());
		this.json = json;
	}

	/**
	 * Streams what the source sees to the response until the stream ends. The source's
	 * first look comes before anything is written: what it throws is answered like any
	 * request's failure.
	 * @param response the request's response, not yet written
	 * @param user whose stream this is, for the per-user bound
	 * @param interval how long to wait between two looks
	 * @param source one look at what the page shows
	 */
	public void stream(HttpServletResponse response, String user, Duration interval, Source source) throws IOException {
		try (StreamSlots.Slot slot = this.slots.take(user)) {
			if (slot == null) {
				refuse(response, user);
				return;
			}
			StreamFrame frame = source.look();
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			run(response.getOutputStream(), interval, source, frame);
		}
	}

	/** How many streams are open now, of every user. */
	public int open() {
		return this.slots.open();
	}

	private void run(OutputStream out, Duration interval, Source source, StreamFrame first) {
		long started = System.nanoTime();
		long changedAt = started;
		@Nullable String sent = null;
		StreamFrame frame = first;
		try {
			while (true) {
				if (frame.last()) {
					send(out, frame.event(), frame.data());
					return;
				}
				if (!frame.signature().equals(sent)) {
					send(out, frame.event(), frame.data());
					sent = frame.signature();
					changedAt = System.nanoTime();
				}
				else if (frame.settleAfter() != null && System.nanoTime() - changedAt > frame.settleAfter().toNanos()) {
					send(out, "end", "{}");
					return;
				}
				else {
					write(out, ": quiet\n\n");
				}
				if (System.nanoTime() - started + interval.toNanos() > this.settings.streamLimit().toNanos()) {
					return;
				}
				Thread.sleep(interval);
				frame = source.look();
			}
		}
		catch (IOException ex) {
			log.debug("Live stream closed by the browser: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// the response is under way: the browser sees the stream end and reconnects,
			// and its next first look is answered with the failure
			log.info("Live stream ended, its source failed: " + ex);
		}
	}

	private void refuse(HttpServletResponse response, String user) throws IOException {
		log.info("Live stream of " + user + " refused: " + this.slots.open() + " open");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Too many live pages open (at most " + this.settings.streams().perUser()
						+ " per user); close one, or try again later.");
		problem.setType(URI.create("urn:eventshop:problem:too-many-streams"));
		problem.setTitle("Service Unavailable");
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, "10");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

	private static void send(OutputStream out, String event, String data) throws IOException {
		write(out, "event: " + event + "\ndata: " + data + "\n\n");
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** One look at what a live page shows. */
	@FunctionalInterface
	public interface Source {

		StreamFrame look();

	}

}
