package com.eventshop.edge.console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An order's journey, live: a server-sent event stream that sends the journey whenever it
 * changes ({@code journey}), {@code missing} when the caller may not see the order, and
 * {@code end} once the journey has settled in a final state. While the stream is open it
 * asks the services (as the caller) every {@code eventshop.console.poll-interval}; see
 * docs/console.md for why the edge polls rather than listening to Kafka.
 * <p>
 * The stream is written on the request's own thread: the edge runs on virtual threads, so
 * a waiting stream costs no platform thread, and the caller's session (and with it the
 * token, refreshed when it expires) stays at hand the way it is for every other request.
 */
@RestController
class JourneyController {

	private static final Log log = LogFactory.getLog(JourneyController.class);

	private final JourneyReader reader;

	private final OAuth2AuthorizedClientManager clients;

	private final ConsoleSettings settings;

	JourneyController(JourneyReader reader, OAuth2AuthorizedClientManager clients, ConsoleSettings settings) {
		this.reader = reader;
		this.clients = clients;
		this.settings = settings;
	}

	@GetMapping(path = "/console/orders/{id}/journey", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void journey(@PathVariable UUID id, Authentication caller, HttpServletResponse response)
			throws IOException, InterruptedException {
		response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		OutputStream out = response.getOutputStream();
		long started = System.nanoTime();
		long unchangedSince = started;
		String last = "";
		try {
			while (System.nanoTime() - started < this.settings.streamLimit().toNanos()) {
				ObjectNode journey = this.reader.read(id, accessToken(caller));
				if (journey == null) {
					send(out, "missing", "{\"detail\":\"Order " + id + " not found.\"}");
					return;
				}
				String now = journey.toString();
				if (!now.equals(last)) {
					send(out, "journey", now);
					last = now;
					unchangedSince = System.nanoTime();
				}
				else if (JourneyReader.isFinal(journey)
						&& System.nanoTime() - unchangedSince > this.settings.settleAfter().toNanos()) {
					send(out, "end", "{}");
					return;
				}
				else {
					// a comment: keeps proxies from closing a quiet stream, and finds out
					// that the browser has gone
					write(out, ": quiet\n\n");
				}
				Thread.sleep(this.settings.pollInterval());
			}
		}
		catch (IOException ex) {
			log.debug("Journey stream of " + id + " closed by the browser: " + ex.getMessage());
		}
	}

	private String accessToken(Authentication caller) {
		if (caller instanceof JwtAuthenticationToken bearer) {
			return bearer.getToken().getTokenValue();
		}
		if (caller instanceof OAuth2AuthenticationToken login) {
			OAuth2AuthorizedClient client = this.clients
				.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(login.getAuthorizedClientRegistrationId())
					.principal(caller)
					.build());
			if (client != null) {
				return client.getAccessToken().getTokenValue();
			}
		}
		throw new IllegalStateException("No access token for " + caller.getName());
	}

	private static void send(OutputStream out, String event, String data) throws IOException {
		write(out, "event: " + event + "\ndata: " + data + "\n\n");
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

}
