package com.eventshop.messaging.deadletter;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import com.eventshop.messaging.consumer.HeldSequences;
import com.eventshop.messaging.consumer.UnexpectedEvents;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator endpoints for this service's dead letters, under
 * {@code /api/admin/dead-letters} (authenticated).
 */
@RestController
@RequestMapping("/api/admin/dead-letters")
public class DeadLetterController {

	private final DeadLetters deadLetters;

	private final UnexpectedEvents unexpectedEvents;

	public DeadLetterController(DeadLetters deadLetters, UnexpectedEvents unexpectedEvents) {
		this.deadLetters = deadLetters;
		this.unexpectedEvents = unexpectedEvents;
	}

	@GetMapping
	Page list(@RequestParam(required = false) @Nullable String status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		int pageSize = Math.clamp(size, 1, 500);
		List<DeadLetter> all = this.deadLetters.list()
			.stream()
			.filter((letter) -> status == null || letter.status().equalsIgnoreCase(status))
			.toList();
		int from = Math.min(Math.max(page, 0) * pageSize, all.size());
		return new Page(all.subList(from, Math.min(from + pageSize, all.size())), page, pageSize, all.size());
	}

	@PostMapping("/replay")
	Map<String, Integer> replay(@RequestBody Selection selection, Principal operator) {
		if (selection.records().isEmpty() && !selection.everything()) {
			throw new IllegalArgumentException("Name the records to replay, or set \"all\": true");
		}
		return Map.of("replayed", this.deadLetters.replay(selection.records(), operator.getName()));
	}

	@PostMapping("/park")
	Map<String, Integer> park(@RequestBody Selection selection, Principal operator) {
		if (selection.records().isEmpty()) {
			throw new IllegalArgumentException("Name the records to park");
		}
		return Map.of("parked",
				this.deadLetters.park(selection.records(), operator.getName(), selection.note(), selection.held()));
	}

	/**
	 * Events held behind dead letters: the later events of an order whose event this
	 * group dead-lettered, waiting ({@code HELD}) until that one is replayed or parked,
	 * or parked with it ({@code PARKED}).
	 */
	@GetMapping("/held")
	HeldPage held(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		int pageSize = Math.clamp(size, 1, 500);
		int from = Math.max(page, 0) * pageSize;
		return new HeldPage(this.deadLetters.held(from, pageSize), page, pageSize, this.deadLetters.heldCount());
	}

	@GetMapping("/actions")
	List<Map<String, Object>> actions(@RequestParam(defaultValue = "100") int limit) {
		return this.deadLetters.actions(Math.clamp(limit, 1, 1000));
	}

	/**
	 * Events handled as unexpected in the state they found (see
	 * {@link UnexpectedEvents}).
	 */
	@GetMapping(path = "/unexpected", produces = "application/json")
	List<Map<String, Object>> unexpected(@RequestParam(defaultValue = "100") int limit) {
		return this.unexpectedEvents.latest(Math.clamp(limit, 1, 1000));
	}

	@ExceptionHandler
	ProblemDetail notFound(DeadLetterNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail badSelection(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/**
	 * Which dead letters an action applies to.
	 *
	 * @param records the records; may be empty with {@code all}
	 * @param all for replay: every record not yet replayed or parked
	 * @param note for park: why
	 * @param held for park: what happens to the order's later events held behind a
	 * record, required when any are ({@code HANDLE} or {@code PARK})
	 */
	record Selection(@Nullable List<DeadLetter.Ref> records, @Nullable Boolean all, @Nullable String note,
			DeadLetter.@Nullable HeldChoice held) {

		Selection {
			records = (records != null) ? List.copyOf(records) : List.of();
		}

		boolean everything() {
			return Boolean.TRUE.equals(this.all);
		}

	}

	record Page(List<DeadLetter> content, int page, int size, long totalElements) {
	}

	record HeldPage(List<HeldSequences.HeldEvent> content, int page, int size, long totalElements) {
	}

}
