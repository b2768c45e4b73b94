package com.eventshop.analytics.rebuild;

import java.net.URI;
import java.util.List;

import com.eventshop.web.Problems;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's rebuild of the analytics projection from the event history: start one,
 * and watch it (operators only, as all of {@code /api/admin}).
 */
@RestController
@RequestMapping(RebuildController.PATH)
class RebuildController {

	static final String PATH = "/api/admin/projections/rebuild";

	private final ProjectionRebuild rebuild;

	RebuildController(ProjectionRebuild rebuild) {
		this.rebuild = rebuild;
	}

	@PostMapping
	@ApiResponse(responseCode = "202", useReturnTypeSchema = true,
			description = "Started: the history is replayed into a shadow projection, which then replaces the live one;"
					+ " follow it with GET")
	@ApiResponse(responseCode = "409",
			description = "urn:eventshop:problem:rebuild-running when a rebuild is running; nothing is started")
	ResponseEntity<RebuildStatus> start() {
		return ResponseEntity.accepted().location(URI.create(PATH)).body(this.rebuild.start());
	}

	@GetMapping
	@ApiResponse(responseCode = "200", useReturnTypeSchema = true,
			description = "The latest rebuilds, newest first (empty before the first): state, progress, events per second")
	Rebuilds recent() {
		return new Rebuilds(this.rebuild.recent());
	}

	/**
	 * The latest rebuilds.
	 *
	 * @param rebuilds newest first, at most {@value RebuildProgress#RECENT}
	 */
	record Rebuilds(List<RebuildStatus> rebuilds) {
	}

	@ExceptionHandler
	ProblemDetail running(RebuildRunningException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "rebuild-running", "A rebuild is running",
				ex.getMessage());
		problem.setProperty("running", ex.running());
		return problem;
	}

}
