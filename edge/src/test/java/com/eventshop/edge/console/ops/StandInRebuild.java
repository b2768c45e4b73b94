package com.eventshop.edge.console.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics service's rebuild of its read model, as {@code RebuildController} answers
 * it: {@code POST} starts one ({@code 202}, or {@code 409} while one runs), {@code GET}
 * lists them newest first. A started rebuild runs until the test lets it {@link #finish()
 * finish}, so that a page is seen while it runs whatever the machine's speed.
 */
final class StandInRebuild {

	/** The rate the finished rebuild reports. */
	static final double FINISHED_RATE = 4321.5;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<Map<String, Object>> runs = new ArrayList<>();

	private int posts;

	/** What the service answers: its status and JSON body. */
	record Answer(int status, String body) {
	}

	synchronized Answer answer(String method) {
		if (!"POST".equals(method)) {
			return new Answer(200, json.writeValueAsString(Map.of("rebuilds", this.runs.reversed())));
		}
		this.posts++;
		if (running()) {
			long id = ((Number) this.runs.getLast().get("id")).longValue();
			return new Answer(409, json.writeValueAsString(Map.of("type", "urn:eventshop:problem:rebuild-running",
					"title", "A rebuild is running", "status", 409, "detail",
					"Rebuild " + id + " is still running; see GET /api/admin/projections/rebuild", "running", id)));
		}
		return new Answer(202, json.writeValueAsString(begin()));
	}

	/** Starts a rebuild as another operator would, not through this page. */
	synchronized void startElsewhere() {
		begin();
	}

	/** Lets the running rebuild swap. */
	synchronized void finish() {
		Map<String, Object> run = this.runs.getLast();
		Instant started = Instant.parse((String) run.get("startedAt"));
		run.put("state", "SWAPPED");
		run.put("finishedAt", started.plus(Duration.ofSeconds(75)).toString());
		run.put("updatedAt", run.get("finishedAt"));
		run.put("recordsRead", 5003);
		run.put("eventsApplied", 4990);
		run.put("recordsSkipped", 13);
		run.put("eventsPerSecond", FINISHED_RATE);
	}

	synchronized boolean swappedOnce() {
		return this.runs.stream().anyMatch((run) -> "SWAPPED".equals(run.get("state")));
	}

	/** How many starts were asked for, including refused ones. */
	synchronized int posts() {
		return this.posts;
	}

	private boolean running() {
		return !this.runs.isEmpty() && "RUNNING".equals(this.runs.getLast().get("state"));
	}

	private Map<String, Object> begin() {
		Instant now = Instant.now();
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("id", this.runs.size() + 1L);
		run.put("state", "RUNNING");
		run.put("startedAt", now.toString());
		run.put("updatedAt", now.toString());
		run.put("historySize", 5000);
		run.put("recordsRead", 1200);
		run.put("eventsApplied", 1195);
		run.put("recordsSkipped", 5);
		run.put("bytesPerRecord", 412);
		run.put("eventsPerSecond", 600.0);
		this.runs.add(run);
		return Map.copyOf(run);
	}

}
