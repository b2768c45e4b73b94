package com.eventshop.system.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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

	synchronized void add(Scenario scenario) {
		this.scenarios.add(scenario);
	}

	/** Writes both files and returns the Markdown one. */
	synchronized Path write(Path dir) throws IOException {
		Files.createDirectories(dir);
		String name = FILE_NAME.format(this.started);
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(dir.resolve(name + ".json"),
				json.writeValueAsString(Map.of("started", this.started.toString(), "scenarios", this.scenarios)));
		Path markdown = dir.resolve(name + ".md");
		Files.writeString(markdown, markdown());
		return markdown;
	}

	private String markdown() {
		StringBuilder text = new StringBuilder();
		text.append("# Reliability run ").append(this.started).append("\n\n");
		text.append("Every order answered 201 is accounted for in each consumer's own database: exactly one effect ")
			.append("(reservation, shipment, order fact, ORDER_RECEIVED e-mail) and exactly one inbox row for its ")
			.append("OrderPlaced event; order-service must have kept it and moved it on from PENDING.\n\n")
			.append("Times: the first event the restarted side handled (the killed service, or inventory when the ")
			.append("broker was killed), every accepted order accounted for (the load goes on after the restart), ")
			.append("and the same measured from the last order sent.\n\n");
		text.append(
				"| scenario | fault | load | accepted | refused | missing | duplicated | first handled after restart | all accounted after restart | after load |\n");
		text.append("|---|---|---|---|---|---|---|---|---|---|\n");
		for (Scenario s : this.scenarios) {
			text.append("| ")
				.append(s.name())
				.append(" | ")
				.append(s.fault())
				.append(" | ")
				.append(s.ordersPerSecond())
				.append("/s for ")
				.append(s.seconds())
				.append(" s | ")
				.append(s.accepted())
				.append(" | ")
				.append(s.refused().isEmpty() ? "0" : s.refused().toString())
				.append(" | ")
				.append(s.missing())
				.append(" | ")
				.append(s.duplicated())
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
		return text.toString();
	}

	private static String seconds(@Nullable Long millis) {
		return (millis != null) ? String.format("%.1f s", millis / 1000.0) : "—";
	}

}
