package com.eventshop.edge.console;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An order's journey, live: a server-sent event stream that sends the journey whenever it
 * changes ({@code journey}), {@code missing} when the caller may not see the order, and
 * {@code end} once the journey has settled in a final state. While the stream is open it
 * asks the services (as the caller) every {@code eventshop.console.poll-interval}; see
 * docs/console.md for why the edge polls rather than listening to Kafka, and
 * {@link LiveStreams} for how a stream runs.
 */
@RestController
class JourneyController {

	private final JourneyReader reader;

	private final RelayedToken token;

	private final LiveStreams streams;

	private final ConsoleSettings settings;

	JourneyController(JourneyReader reader, RelayedToken token, LiveStreams streams, ConsoleSettings settings) {
		this.reader = reader;
		this.token = token;
		this.streams = streams;
		this.settings = settings;
	}

	@GetMapping(path = "/console/orders/{id}/journey", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void journey(@PathVariable UUID id, Authentication caller, HttpServletResponse response) throws IOException {
		this.streams.stream(response, caller.getName(), this.settings.pollInterval(), () -> {
			ObjectNode journey = this.reader.read(id, this.token.of(caller));
			if (journey == null) {
				return StreamFrame.last("missing", "{\"detail\":\"Order " + id + " not found.\"}");
			}
			StreamFrame frame = StreamFrame.of("journey", journey.toString());
			// the last e-mails follow the last status
			return JourneyReader.isFinal(journey) ? frame.settlingAfter(this.settings.settleAfter()) : frame;
		});
	}

}
