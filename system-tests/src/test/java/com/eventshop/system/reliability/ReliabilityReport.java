package com.eventshop.system.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report of one run, in Markdown for people and JSON for tools, written to
 * {@code target/reliability/<timestamp>.md} and {@code .json}.
 */
final class ReliabilityReport {

	private static final DateTimeFormatter FILE_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final Instant started = Instant.now();

	private final List<Scenario> scenarios = new ArrayList<>();

	private final Map<String, String> settings = new LinkedHashMap<>();

	synchronized Scenario add(Scenario scenario) {
		this.scenarios.add(scenario);
		return scenario;
	}

	/** A setting of the run, shown at the top of the report. */
	synchronized void setting(String name, String value) {
		this.settings.put(name, value);
	}

	/** Writes both files and returns the Markdown one. */
	synchronized Path write(Path dir) throws IOException {
		Files.createDirectories(dir);
		String name = FILE_NAME.format(this.started);
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(dir.resolve(name + ".json"), json.writeValueAsString(
				Map.of("started", this.started.toString(), "settings", this.settings, "scenarios", this.scenarios)));
		Path markdown = dir.resolve(name + ".md");
		Files.writeString(markdown, markdown());
		return markdown;
	}

	private String markdown() {
		StringBuilder text = new StringBuilder();
		text.append("# Reliability run ").append(this.started).append("\n\n");
		this.settings.forEach((name, value) -> text.append("- ").append(name).append(": ").append(value).append('\n'));
		text.append('\n');
		text.append("After every scenario the invariants (Invariants.java) are checked; each one has a unit test ")
			.append("that feeds it a broken state and sees it fail. (1) Stock per SKU: units before = available + ")
			.append("reserved + shipped in every sample taken during the run and at the end, never negative, at least ")
			.append("the units of the orders that ended SHIPPED gone out, nothing left reserved. (2) Every order ")
			.append("answered 201 ends in one final state that every service agrees on: SHIPPED (reservation ")
			.append("SHIPPED, shipment DISPATCHED, analytics confirmed+shipped, e-mails received, confirmed, shipped), ")
			.append("REJECTED (reservation REJECTED, shipment CANCELLED, analytics rejected, e-mails received, ")
			.append("rejected) or CANCELLED (reservation released, shipment CANCELLED, analytics cancelled, e-mails ")
			.append("received, cancelled, and confirmed at most once); each e-mail exactly once in the mailbox. ")
			.append("(3) Dead letters: each group's topic holds exactly the poison and deliberately failed records ")
			.append("meant for it, each once, and no good event. \"missing\": accepted orders a service (or the ")
			.append("mailbox) holds nothing for; \"duplicated\": orders with an e-mail of one kind twice.\n\n")
			.append("Times, from the end of the fault (a killed process started again, a connection given back): ")
			.append("the first event the side it hit handled (the killed service, inventory when the broker was ")
			.append("killed, the first e-mail sent when SMTP was down), every accepted order accounted for; and ")
			.append("the same measured from the last order sent.\n\n");
		text.append(
				"| scenario | fault | load | accepted | refused | final states | missing | duplicated | dead letters | invariants | first handled after fault | all accounted after fault | after load |\n");
		text.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (Scenario s : this.scenarios) {
			text.append("| ")
				.append(s.name())
				.append(" | ")
				.append(s.fault())
				.append(" | ")
				.append((s.ordersPerSecond() > 0) ? s.ordersPerSecond() + "/s for " + s.seconds() + " s" : "none")
				.append(" | ")
				.append(s.accepted())
				.append(" | ")
				.append(s.refused().isEmpty() ? "0" : s.refused().toString())
				.append(" | ")
				.append(s.statuses().isEmpty() ? "—" : s.statuses().toString())
				.append(" | ")
				.append(s.missing())
				.append(" | ")
				.append(s.duplicated())
				.append(" | ")
				.append(deadLetters(s.deadLetters()))
				.append(" | ")
				.append(s.violations().isEmpty() ? "all hold" : s.violations().size() + " broken")
				.append(" | ")
				.append(seconds(s.firstHandledMillis()))
				.append(" | ")
				.append(seconds(s.recoveryMillis()))
				.append(" | ")
				.append(seconds(s.settleMillis()))
				.append(" |\n");
		}
		text.append(
				"\n## Per service\n\n| scenario | service | holds the order | holds nothing |\n|---|---|---|---|\n");
		for (Scenario s : this.scenarios) {
			text.append(s.consumers()
				.stream()
				.map((c) -> "| " + s.name() + " | " + c.name() + " | " + c.handled() + " | " + c.missing() + " |\n")
				.collect(Collectors.joining()));
			text.append("| ")
				.append(s.name())
				.append(" | order (lost / not final) | ")
				.append(s.accepted() - s.lost() - s.pending())
				.append(" | ")
				.append(s.lost() + s.pending())
				.append(" |\n");
		}
		text.append("\n## Broken invariants\n\n");
		boolean none = true;
		for (Scenario s : this.scenarios) {
			s.violations()
				.stream()
				.limit(20)
				.forEach((v) -> text.append("- ").append(s.name()).append(": ").append(v).append('\n'));
			if (s.violations().size() > 20) {
				text.append("- ")
					.append(s.name())
					.append(": ... and ")
					.append(s.violations().size() - 20)
					.append(" more\n");
			}
			none &= s.violations().isEmpty();
		}
		if (none) {
			text.append("None: every invariant held after every scenario.\n");
		}
		text.append("\n## Further checks\n\n");
		for (Scenario s : this.scenarios) {
			for (String check : s.checks()) {
				text.append("- ").append(s.name()).append(": ").append(check).append('\n');
			}
		}
		return text.toString();
	}

	private static String deadLetters(Map<String, Integer> counts) {
		String nonZero = counts.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() != 0)
			.map((entry) -> entry.getKey() + " " + entry.getValue())
			.collect(Collectors.joining(", "));
		return nonZero.isEmpty() ? "0" : nonZero;
	}

	private static String seconds(@Nullable Long millis) {
		return (millis != null) ? String.format("%.1f s", millis / 1000.0) : "—";
	}

}
