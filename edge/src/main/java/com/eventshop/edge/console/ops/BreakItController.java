package com.eventshop.edge.console.ops;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.eventshop.edge.console.ConsoleSettings;
import com.eventshop.edge.console.LiveStreams;
import com.eventshop.edge.console.RelayedToken;
import com.eventshop.edge.console.StreamFrame;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The break-it panel's controls: what runs, kill -9 or restart one process, inject a
 * poison record, start and stop a load, and the load's accounting (once, or live as
 * server-sent events). Off (404) unless the stack runs on this machine; operators only:
 * each action first asks a service's operator endpoint with the caller's token, which a
 * customer's token does not pass.
 */
@RestController
@RequestMapping("/console/ops/api/break-it")
class BreakItController {

	/**
	 * The edge's login with the authorization server, whose token endpoint the load uses.
	 */
	private static final String REGISTRATION = "eventshop";

	private final BreakItSettings settings;

	private final StackControl stack;

	private final ServiceCalls calls;

	private final RelayedToken token;

	private final LoadToken loadToken;

	private final LiveStreams streams;

	private final ConsoleSettings console;

	private final JsonMapper json;

	private final AtomicReference<@Nullable LoadRun> load = new AtomicReference<>();

	BreakItController(BreakItSettings settings, StackControl stack, ServiceCalls calls, RelayedToken token,
			ClientRegistrationRepository registrations, RestClient.Builder http, LiveStreams streams,
			ConsoleSettings console, JsonMapper json) {
		this.settings = settings;
		this.stack = stack;
		this.calls = calls;
		this.token = token;
		this.streams = streams;
		this.console = console;
		this.json = json;
		var registration = registrations.findByRegistrationId(REGISTRATION);
		String tokenUri = (registration != null) ? registration.getProviderDetails().getTokenUri() : "";
		this.loadToken = new LoadToken(http.build(), tokenUri, settings.loadClientSecret());
	}

	@GetMapping
	ResponseEntity<?> panel(Authentication operator) {
		ResponseEntity<ProblemDetail> refused = refuse(operator);
		if (refused != null) {
			return refused;
		}
		return ResponseEntity.ok(panel());
	}

	/**
	 * The panel, live: a {@code panel} event with the same content as {@code GET}
	 * whenever it changed. Refused as the other actions are, before the stream starts.
	 */
	@GetMapping("/stream")
	@Nullable ResponseEntity<ProblemDetail> stream(Authentication operator, HttpServletResponse response) throws IOException {
		ResponseEntity<ProblemDetail> refused = refuse(operator);
		if (refused != null) {
			return refused;
		}
		this.streams.stream(response, operator.getName(), this.console.streams().breakItInterval(),
				() -> StreamFrame.of("panel", this.json.writeValueAsString(panel())));
		return null;
	}

	private Panel panel() {
		LoadRun run = this.load.get();
		return new Panel(this.stack.status(), List.copyOf(StackControl.BREAKABLE.stream().sorted().toList()),
				this.stack.actions(), (run != null) ? run.accounting() : null);
	}

	@PostMapping("/processes/{name}/{command}")
	ResponseEntity<?> act(@PathVariable String name, @PathVariable String command, Authentication operator) {
		ResponseEntity<ProblemDetail> refused = refuse(operator);
		if (refused != null) {
			return refused;
		}
		if (!StackControl.BREAKABLE.contains(name) || !List.of("kill", "restart").contains(command)) {
			return problem(HttpStatus.NOT_FOUND, "Nothing to " + command + " called " + name);
		}
		return ResponseEntity.accepted().body(this.stack.act(command, name));
	}

	/**
	 * Publishes one poison record to the orders topic, which every consumer group
	 * dead-letters; the action's outcome names its key and event id.
	 */
	@PostMapping("/poison")
	ResponseEntity<?> poison(Authentication operator) {
		ResponseEntity<ProblemDetail> refused = refuse(operator);
		if (refused != null) {
			return refused;
		}
		return ResponseEntity.accepted().body(this.stack.poison());
	}

	@PostMapping("/load")
	ResponseEntity<?> startLoad(@RequestParam double rate, Authentication operator) {
		ResponseEntity<ProblemDetail> refused = refuse(operator);
		if (refused != null) {
			return refused;
		}
		if (!(rate > 0 && rate <= 200)) {
			return problem(HttpStatus.BAD_REQUEST, "The rate is orders per second, above 0 and at most 200");
		}
		LoadRun run = new LoadRun(this.calls, this.loadToken, rate);
		LoadRun earlier = this.load.getAndSet(run);
		if (earlier != null) {
			earlier.stop();
		}
		run.start();
		return ResponseEntity.accepted().body(run.accounting());
	}

	@PostMapping("/load/stop")
	ResponseEntity<?> stopLoad(Authentication operator) {
		ResponseEntity<ProblemDetail> refused = refuse(operator);
		if (refused != null) {
			return refused;
		}
		LoadRun run = this.load.get();
		if (run != null) {
			run.stop();
		}
		return ResponseEntity.accepted().body(Map.of("stopping", run != null));
	}

	/**
	 * Off unless the stack runs here; operators only (a service's operator endpoint
	 * says).
	 */
	private @Nullable ResponseEntity<ProblemDetail> refuse(Authentication operator) {
		if (!this.settings.enabled()) {
			return problem(HttpStatus.NOT_FOUND,
					"The break-it panel works only on a stack run on this machine (scripts/local-stack.sh up)");
		}
		// the first service that answers decides: the one just broken may not
		for (String service : this.calls.services()) {
			try {
				this.calls.json(service, "/api/admin/dead-letters/actions?limit=1", this.token.of(operator));
				return null;
			}
			catch (ServiceCalls.NotAnOperator ex) {
				return problem(HttpStatus.FORBIDDEN, "The break-it panel is for operators; sign in as one.");
			}
			catch (ServiceCalls.Unanswered ex) {
				// ask the next one
			}
		}
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "No service answers to confirm the operator role");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(
				URI.create("urn:eventshop:problem:" + ((status == HttpStatus.FORBIDDEN) ? "forbidden" : "break-it")));
		return ResponseEntity.status(status).body(problem);
	}

	/**
	 * @param processes every process of the stack: running, starting or stopped
	 * @param breakable what may be killed or restarted here
	 * @param load the load's accounting, if one was started
	 */
	record Panel(Map<String, String> processes, List<String> breakable, List<StackControl.Action> actions,
			LoadRun.@Nullable Accounting load) {
	}

}
