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
		text.append("Every order answered 201 is accounted for in each consumer's own database: exactly one effect ")
			.append("(reservation, shipment, order fact, ORDER_RECEIVED e-mail) and exactly one inbox row for its ")
			.append("OrderPlaced event; order-service must have kept it and moved it on from PENDING; the ")
			.append("customers' mailbox must hold exactly one \"order received\" e-mail for it. Dead letters: ")
			.append("records each group dead-lettered during the scenario (none may be a good event, except the ")
			.append("orders the poison scenario's deliberate bug fails).\n\n")
			.append("Times, from the end of the fault (a killed process started again, a connection given back): ")
			.append("the first event the side it hit handled (the killed service, inventory when the broker was ")
			.append("killed, the first e-mail sent when SMTP was down), every accepted order accounted for; and ")
			.append("the same measured from the last order sent.\n\n");
		text.append(
				"| scenario | fault | load | accepted | refused | missing | duplicated | dead letters | first handled after fault | all accounted after fault | after load |\n");
		text.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
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
				.append(s.missing())
				.append(" | ")
				.append(s.duplicated())
				.append(" | ")
				.append(deadLetters(s.deadLetters()))
				.append(" | ")
				.append(seconds(s.firstHandledMillis()))
				.append(" | ")
				.append(seconds(s.recoveryMillis()))
				.append(" | ")
				.append(seconds(s.settleMillis()))
				.append(" |\n");
		}
		text.append(
				"\n## Per consumer\n\n| scenario | consumer | handled | missing | duplicated |\n|---|---|---|---|---|\n");
		for (Scenario s : this.scenarios) {
			text.append(s.consumers()
				.stream()
				.map((c) -> "| " + s.name() + " | " + c.name() + " | " + c.handled() + " | " + c.missing() + " | "
						+ c.duplicated() + " |\n")
				.collect(Collectors.joining()));
			text.append("| ")
				.append(s.name())
				.append(" | order (lost / still PENDING) | ")
				.append(s.accepted() - s.lost() - s.pending())
				.append(" | ")
				.append(s.lost() + s.pending())
				.append(" | 0 |\n");
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
