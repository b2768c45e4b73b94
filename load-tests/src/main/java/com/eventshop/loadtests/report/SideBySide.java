package com.eventshop.loadtests.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.eventshop.loadtests.measure.ProcessStats;
import com.eventshop.loadtests.measure.Sampler.Sample;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scaled run beside a single-stack run of the same day: both sustainable rates, the CPU
 * per completed order of all processes, and what the scaled stack spends more per order,
 * in all and per role (three brokers writing every record three times, a second instance
 * of every service, the gateway's hop). The single run is read back from the files its
 * report wrote ({@code -goals.json} and the raw {@code .json} beside it).
 */
final class SideBySide {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String GOALS = "-goals.json";

	/** The key of {@link #overhead} that holds the difference of all processes. */
	static final String ALL = "all processes";

	private SideBySide() {
	}

	/**
	 * One run's figures.
	 *
	 * @param name the report it comes from
	 * @param sustainableRate the probe's highest sustainable rate; {@code NaN} without a
	 * probe
	 * @param completedPerSecond completed orders per second in the sustained phase
	 * @param cpuPerOrderMs CPU milliseconds per completed order, all processes
	 * @param cpuPerOrderByRole that per role (bare role names: {@code kafka},
	 * {@code order})
	 * @param processes how many processes each role ran
	 */
	record Run(String name, double sustainableRate, double completedPerSecond, double cpuPerOrderMs,
			Map<String, Double> cpuPerOrderByRole, Map<String, Integer> processes) {

		static Run of(String name, Results r) {
			GoalFigures goals = GoalFigures.of(r);
			Map<String, Double> perOrder = Results.cpuPerOrder(r.samples(), r.sustained().name(),
					r.sustained().completion().completed());
			return new Run(name, goals.sustainableRate(), goals.completedPerSecond(), goals.cpuPerCompletedOrderMs(),
					Roles.total(perOrder), Roles.count(perOrder.keySet()));
		}

	}

	/**
	 * The section for a scaled run's report: beside the newest single-stack run of the
	 * same day in {@code folder}, or a line saying there was none.
	 */
	static String section(Path folder, String name, Results scaled) throws IOException {
		Optional<Run> single = newestSingle(folder, scaled.date(), name);
		if (single.isEmpty()) {
			return "## Scaled beside single\n\nNo single-stack run of " + scaled.date() + " in `" + folder
					+ "` to set this run beside: run `scripts/benchmark.sh` first, then this one.\n\n";
		}
		return markdown(single.get(), Run.of(name, scaled));
	}

	/**
	 * The newest single-stack run of {@code date} in {@code folder}, except {@code name}.
	 */
	static Optional<Run> newestSingle(Path folder, String date, String name) throws IOException {
		List<Path> candidates;
		try (Stream<Path> files = Files.list(folder)) {
			candidates = files.filter((f) -> {
				String file = f.getFileName().toString();
				return file.startsWith(date) && file.endsWith(GOALS) && !file.equals(name + GOALS);
			}).sorted(Comparator.comparing(SideBySide::modified).reversed()).toList();
		}
		for (Path goals : candidates) {
			String run = goals.getFileName().toString();
			run = run.substring(0, run.length() - GOALS.length());
			Path raw = goals.resolveSibling(run + ".json");
			if (Files.exists(raw)) {
				JsonNode results = JSON.readTree(raw.toFile());
				if (!scaled(results)) {
					return Optional.of(read(run, JSON.readTree(goals.toFile()), results));
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether a run's raw figures describe a scaled stack; runs written before had none.
	 */
	static boolean scaled(JsonNode results) {
		JsonNode topology = results.path("topology");
		if (topology.path("brokers").asInt(1) > 1) {
			return true;
		}
		for (JsonNode count : topology.path("instances")) {
			if (count.asInt(1) > 1) {
				return true;
			}
		}
		return false;
	}

	/** A run read back from its goal figures and its raw figures. */
	static Run read(String name, JsonNode goals, JsonNode results) {
		List<Sample> samples = new ArrayList<>();
		for (JsonNode sample : results.path("samples")) {
			Map<String, ProcessStats.Reading> processes = new TreeMap<>();
			sample.path("processes")
				.properties()
				.forEach((e) -> processes.put(e.getKey(), new ProcessStats.Reading(
						e.getValue().path("cpuMillis").asLong(), e.getValue().path("rssKiB").asLong())));
			samples.add(new Sample(sample.path("second").asDouble(), sample.path("phase").asString(), Map.of(), 0,
					processes));
		}
		JsonNode sustained = results.path("sustained");
		Map<String, Double> perOrder = Results.cpuPerOrder(samples, sustained.path("name").asString(),
				sustained.path("completion").path("completed").asLong());
		return new Run(name, number(goals, "highest sustainable rate, orders/s"),
				number(goals, "completed orders/s, sustained"), number(goals, "CPU ms per completed order"),
				Roles.total(perOrder), Roles.count(perOrder.keySet()));
	}

	private static double number(JsonNode goals, String figure) {
		JsonNode value = goals.path(figure);
		return value.isNumber() ? value.asDouble() : Double.NaN;
	}

	static String markdown(Run single, Run scaled) {
		Map<String, Double> overhead = overhead(single, scaled);
		StringBuilder md = new StringBuilder("## Scaled beside single\n\n");
		md.append(format("This run beside the single-stack run `%s` of the same day. Both ran on this machine's "
				+ "cores: the scaled stack runs three brokers and two JVMs of every service on the same cores, so it "
				+ "is not expected to sustain more here; what it shows is what replication and the second instances "
				+ "cost per order. The two runs are two runs: a busier moment of the machine moves either.%n%n",
				single.name()));
		md.append("| figure | single | scaled | scaled − single |\n|---|---|---|---|\n");
		boolean bothFound = single.sustainableRate() > 0 && scaled.sustainableRate() > 0;
		md.append(format("| highest sustainable rate, orders/s | %s | %s | %s |%n", rate(single.sustainableRate()),
				rate(scaled.sustainableRate()),
				bothFound ? figure(scaled.sustainableRate() - single.sustainableRate()) : "—"));
		md.append(format("| completed orders/s, sustained | %s | %s | %s |%n", figure(single.completedPerSecond()),
				figure(scaled.completedPerSecond()),
				figure(scaled.completedPerSecond() - single.completedPerSecond())));
		md.append(format("| CPU ms per completed order, all processes | %s | %s | **%s** |%n%n",
				figure(single.cpuPerOrderMs()), figure(scaled.cpuPerOrderMs()), figure(overhead.get(ALL))));
		md.append("CPU ms per completed order in the sustained phase, per role (processes in brackets):\n\n");
		md.append("| role | single | scaled | scaled − single |\n|---|---|---|---|\n");
		for (String role : roles(single, scaled)) {
			md.append(format("| %s | %s (%d) | %s (%d) | %s |%n", role,
					figure(single.cpuPerOrderByRole().getOrDefault(role, 0.0)),
					single.processes().getOrDefault(role, 0),
					figure(scaled.cpuPerOrderByRole().getOrDefault(role, 0.0)),
					scaled.processes().getOrDefault(role, 0), figure(overhead.get(role))));
		}
		md.append('\n');
		return md.toString();
	}

	/** A probe's rate: 0 means none of its steps was flat, which is not a rate of 0. */
	private static String rate(double sustainable) {
		return (sustainable == 0) ? "none flat" : figure(sustainable);
	}

	/**
	 * What the scaled stack spends more per completed order than the single one, in CPU
	 * milliseconds: per role, and in all under {@link #ALL}. A role only one of the two
	 * ran counts as zero in the other.
	 */
	static Map<String, Double> overhead(Run single, Run scaled) {
		Map<String, Double> overhead = new TreeMap<>();
		roles(single, scaled).forEach((role) -> overhead.put(role, scaled.cpuPerOrderByRole().getOrDefault(role, 0.0)
				- single.cpuPerOrderByRole().getOrDefault(role, 0.0)));
		overhead.put(ALL, scaled.cpuPerOrderMs() - single.cpuPerOrderMs());
		return overhead;
	}

	private static TreeSet<String> roles(Run single, Run scaled) {
		TreeSet<String> roles = new TreeSet<>(single.cpuPerOrderByRole().keySet());
		roles.addAll(scaled.cpuPerOrderByRole().keySet());
		return roles;
	}

	private static String figure(double value) {
		if (Double.isNaN(value)) {
			return "—";
		}
		return (Math.abs(value) >= 100) ? format("%,.0f", value) : format("%.2f", value);
	}

	private static long modified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static String format(String pattern, Object... args) {
		return String.format(Locale.ROOT, pattern, args);
	}

}
