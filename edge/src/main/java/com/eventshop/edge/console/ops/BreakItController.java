package com.eventshop.edge.console.ops;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.eventshop.edge.console.ConsoleSettings;
import com.eventshop.edge.console.LiveStreams;
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
 * server-sent events). Off (404) unless the stack runs on this machine; operators only,
 * by the security configuration's rule for {@code /console/ops/api/**}, so the panel
 * works while every service is down.
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

	private final LoadToken loadToken;

	private final LiveStreams streams;

	private final ConsoleSettings console;

	private final JsonMapper json;

	private final AtomicReference<@Nullable LoadRun> load = new AtomicReference<>();

	BreakItController(BreakItSettings settings, StackControl stack, ServiceCalls calls,
			ClientRegistrationRepository registrations, RestClient.Builder http, LiveStreams streams,
			ConsoleSettings console, JsonMapper json) {
		this.settings = settings;
		this.stack = stack;
		this.calls = calls;
		this.streams = streams;
		this.console = console;
		this.json = json;
		var registration = registrations.findByRegistrationId(REGISTRATION);
		String tokenUri = (registration != null) ? registration.getProviderDetails().getTokenUri() : "";
		this.loadToken = new LoadToken(http.build(), tokenUri, settings.loadClientSecret());
	}

	@GetMapping
	ResponseEntity<?> panel() {
		ResponseEntity<ProblemDetail> refused = off();
		if (refused != null) {
			return refused;
		}
		return ResponseEntity.ok(look());
	}

	/**
	 * The panel, live: a {@code panel} event with the same content as {@code GET}
	 * whenever it changed. Refused as the other actions are, before the stream starts.
	 */
	@GetMapping("/stream")
	@Nullable ResponseEntity<ProblemDetail> stream(Authentication operator, HttpServletResponse response) throws IOException {
		ResponseEntity<ProblemDetail> refused = off();
		if (refused != null) {
			return refused;
		}
		this.streams.stream(response, operator.getName(), this.console.streams().breakItInterval(),
				() -> StreamFrame.of("panel", this.json.writeValueAsString(look())));
		return null;
	}

	private Panel look() {
		LoadRun run = this.load.get();
		return new Panel(this.stack.status(), List.copyOf(StackControl.BREAKABLE.stream().sorted().toList()),
				this.stack.actions(), (run != null) ? run.accounting() : null);
	}

	@PostMapping("/processes/{name}/{command}")
	ResponseEntity<?> act(@PathVariable String name, @PathVariable String command) {
		ResponseEntity<ProblemDetail> refused = off();
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
	ResponseEntity<?> poison() {
		ResponseEntity<ProblemDetail> refused = off();
		if (refused != null) {
			return refused;
		}
		return ResponseEntity.accepted().body(this.stack.poison());
	}

	@PostMapping("/load")
	ResponseEntity<?> startLoad(@RequestParam double rate) {
		ResponseEntity<ProblemDetail> refused = off();
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
	ResponseEntity<?> stopLoad() {
		ResponseEntity<ProblemDetail> refused = off();
		if (refused != null) {
			return refused;
		}
		LoadRun run = this.load.get();
		if (run != null) {
			run.stop();
		}
		return ResponseEntity.accepted().body(Map.of("stopping", run != null));
	}

	/** Off unless the stack runs here. */
	private @Nullable ResponseEntity<ProblemDetail> off() {
		if (!this.settings.enabled()) {
			return problem(HttpStatus.NOT_FOUND,
					"The break-it panel works only on a stack run on this machine (scripts/local-stack.sh up)");
		}
		return null;
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:eventshop:problem:break-it"));
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
