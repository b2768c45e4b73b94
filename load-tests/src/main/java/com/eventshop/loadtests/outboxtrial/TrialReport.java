package com.eventshop.loadtests.outboxtrial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trial's figures, written as {@code <date>-outbox-trial.json} and a Markdown table
 * beside it; the prose that reads them is written by hand into the same Markdown file.
 */
final class TrialReport {

	private final TrialSettings settings;

	private final String loadAtStart;

	private final List<Result> results;

	TrialReport(TrialSettings settings, String loadAtStart, List<Result> results) {
		this.settings = settings;
		this.loadAtStart = loadAtStart;
		this.results = results;
	}

	static String loadAverage() throws IOException {
		return Files.readString(Path.of("/proc/loadavg")).trim();
	}

	Path write() throws IOException {
		Files.createDirectories(this.settings.out());
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("date", java.time.Instant.now().toString());
		json.put("machine",
				Map.of("cores", Runtime.getRuntime().availableProcessors(), "jdk", Runtime.version().toString(),
						"loadAverageAtStart", this.loadAtStart, "loadAverageAtEnd", loadAverage()));
		json.put("settings", this.settings.values());
		json.put("results", this.results);
		Path jsonFile = this.settings.out().resolve(this.settings.name() + ".json");
		JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(jsonFile.toFile(), json);
		Path markdown = this.settings.out().resolve(this.settings.name() + ".md");
		Files.writeString(markdown, markdown(json));
		return markdown;
	}

	private String markdown(Map<String, Object> json) {
		StringBuilder md = new StringBuilder("# Outbox trial, " + this.settings.name() + "\n\n");
		md.append("Machine: ").append(json.get("machine")).append("\n\n");
		md.append("## Drain of ").append(this.settings.events()).append(" events\n\n");
		md.append("| library | all acknowledged | marked | on the topic | events/s (first to last mark) "
				+ "| first mark after start (s) | transactions/event | rows inserted/event | rows updated/event "
				+ "| rows deleted/event |\n|---|---|---|---|---|---|---|---|---|---|\n");
		for (Result result : this.results) {
			Drain drain = result.drain();
			double n = Math.max(drain.marked(), 1);
			md.append(String.format("| %s | %s | %d | %d | %.0f | %.2f | %.3f | %.3f | %.3f | %.3f |%n", result.name(),
					drain.done() ? "yes" : "no", drain.marked(), drain.onTopic(), drain.eventsPerSecond(),
					drain.firstMarkSeconds(), drain.written().commits() / n, drain.written().inserted() / n,
					drain.written().updated() / n, drain.written().deleted() / n));
		}
		md.append("\n## Broker killed under a steady stream\n\n");
		md.append("| library | appended | failed appends | down (s) | all delivered without help "
				+ "| first outage event out after return (s) | last outage event out (s) | pending / failed "
				+ "| missing | duplicated | out of order | after one resubmission: missing, duplicated, out of order, "
				+ "pending |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (Result result : this.results) {
			Outage outage = result.outage();
			if (outage == null) {
				continue;
			}
			Delivery without = outage.withoutHelp();
			Delivery after = outage.afterResubmission();
			md.append(
					String
						.format("| %s | %d | %d | %.1f | %s | %.1f | %.1f | %d / %d | %d | %d | %d | %s |%n",
								result.name(), without.appended(), outage.failedAppends(), outage.downSeconds(),
								outage.recovered() ? "yes" : "no", outage.firstOutSeconds(), outage.lastOutSeconds(),
								outage.pending(), outage.failed(), without.missing(), without.duplicated(),
								without.outOfOrder(),
								(after != null) ? after.missing() + ", " + after.duplicated() + ", "
										+ after.outOfOrder() + ", " + outage.pendingAfterResubmission()
										: "not needed"));
		}
		md.append("\nSettings per library: ");
		this.results.forEach((result) -> md.append(result.name()).append(' ').append(result.settings()).append("; "));
		md.append("\n");
		return md.toString();
	}

	/** One library's figures. */
	record Result(String name, Map<String, Object> settings, Drain drain, @Nullable Outage outage) {
	}

	/**
	 * The backlog drain.
	 *
	 * @param events rows in the backlog
	 * @param done whether every row was marked published before the timeout
	 * @param marked rows marked published
	 * @param onTopic records Kafka acknowledged on the drain's topic (less the template)
	 * @param seconds from the first row marked to the last
	 * @param eventsPerSecond marked rows over those seconds
	 * @param firstMarkSeconds from the start of the publishing context to the first mark
	 * @param wallSeconds from the start of the publishing context to the end of the wait
	 * @param written what the database counted meanwhile
	 */
	record Drain(int events, boolean done, long marked, long onTopic, double seconds, double eventsPerSecond,
			double firstMarkSeconds, double wallSeconds, TrialDatabase.Counters written) {
	}

	/**
	 * The broker outage.
	 *
	 * @param topic where the stream went
	 * @param rate events appended per second
	 * @param streamSeconds for how long
	 * @param failedAppends appends whose transaction failed
	 * @param downSeconds from the kill to the broker's port listening again
	 * @param recovered whether every event was published without any help, within the
	 * wait
	 * @param firstOutSeconds from the broker's return to the first event appended while
	 * it was down being marked published (-1: none)
	 * @param lastOutSeconds the same for the last such event
	 * @param streamEndSeconds from the broker's return to the end of the stream
	 * @param pending events not published at the end of the wait
	 * @param failed events the library gave up on
	 * @param withoutHelp the topic read back before any resubmission
	 * @param afterResubmission the topic read back after one resubmission, where needed
	 * @param pendingAfterResubmission events still not published after it
	 */
	record Outage(String topic, int rate, int streamSeconds, long failedAppends, double downSeconds, boolean recovered,
			double firstOutSeconds, double lastOutSeconds, double streamEndSeconds, long pending, long failed,
			Delivery withoutHelp, @Nullable Delivery afterResubmission, long pendingAfterResubmission) {
	}

}
