package com.eventshop.edge.console.ops;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import com.eventshop.edge.console.ConsoleSettings;
import com.eventshop.edge.console.LiveStreams;
import com.eventshop.edge.console.RelayedToken;
import com.eventshop.edge.console.StreamFrame;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator desk's data, for the signed-in operator's browser: the whole picture in
 * one answer, or live as server-sent events ({@code desk}) whenever the picture changes,
 * and the dead-letter actions passed on to the service that owns the records, each with
 * the operator's token as {@link RelayedToken} finds it. Anyone without the operator role
 * is refused at the door (the security configuration's rule for
 * {@code /console/ops/api/**}); each service checks the token again, and its refusal is
 * told here the same way.
 */
@RestController
@RequestMapping("/console/ops/api")
class OperatorDeskController {

	private static final Set<String> ACTIONS = Set.of("replay", "park");

	private final OperatorDesk desk;

	private final ServiceCalls calls;

	private final LiveStreams streams;

	private final RelayedToken token;

	private final ConsoleSettings settings;

	private final JsonMapper json;

	OperatorDeskController(OperatorDesk desk, ServiceCalls calls, LiveStreams streams, RelayedToken token,
			ConsoleSettings settings, JsonMapper json) {
		this.desk = desk;
		this.calls = calls;
		this.streams = streams;
		this.token = token;
		this.settings = settings;
		this.json = json;
	}

	@GetMapping("/desk")
	OperatorDesk.Desk desk(Authentication operator) {
		return this.desk.look(this.token.of(operator));
	}

	/**
	 * The desk, live: a {@code desk} event with the same picture as {@code GET /desk}
	 * whenever something in it changed (the time of the look alone is no change).
	 */
	@GetMapping("/desk/stream")
	void deskStream(Authentication operator, HttpServletResponse response) throws IOException {
		this.streams.stream(response, operator.getName(), this.settings.streams().deskInterval(), () -> {
			OperatorDesk.Desk now = this.desk.look(this.token.of(operator));
			return StreamFrame.of("desk", this.json.writeValueAsString(now),
					this.json.writeValueAsString(now.services()));
		});
	}

	/**
	 * Replays or parks dead letters of one service: the body is the service's own
	 * selection ({@code records}, {@code all}, {@code note}).
	 */
	@PostMapping("/dead-letters/{service}/{action}")
	ResponseEntity<?> act(@PathVariable String service, @PathVariable String action, @RequestBody String selection,
			Authentication operator) {
		if (!this.calls.knows(service) || !ACTIONS.contains(action)) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
						"No service " + service + " or no action " + action + " (replay, park)"));
		}
		return this.calls.post(service, "/api/admin/dead-letters/" + action, selection, this.token.of(operator));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notAnOperator(ServiceCalls.NotAnOperator ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"The operator desk is for operators; sign in as one.");
		problem.setType(URI.create("urn:eventshop:problem:forbidden"));
		problem.setTitle("Forbidden");
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
	}

}
