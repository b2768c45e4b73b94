package com.eventshop.loadtests.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sets the goal figures of several runs side by side: for each, the smallest, the median
 * and the largest, so that a figure is read with the spread this machine gives it.
 * {@code scripts/benchmark.sh runs=3} writes one with the three runs' reports.
 */
public final class Spread {

	private Spread() {
	}

	/**
	 * Arguments: the Markdown file to write, then each run's {@code -goals.json}. Beside
	 * the Markdown it writes {@code <name>-goals.json} with each figure's median, in the
	 * shape of one run's, so that whatever reads the newest goals (the failure matrix
	 * takes its rate from it) reads the spread's middle.
	 */
	public static void main(String[] args) throws IOException {
		Path markdown = Path.of(args[0]);
		Map<String, double[]> figures = figures(Arrays.stream(args).skip(1).map(Path::of).toList());
		Files.writeString(markdown, markdown(args.length - 1, Arrays.stream(args).skip(1).toList(), figures));
		String name = markdown.getFileName().toString().replaceFirst("\\.md$", "");
		Map<String, Object> medians = new LinkedHashMap<>();
		figures.forEach((figure, sorted) -> medians.put(figure, (sorted.length > 0) ? median(sorted) : "NaN"));
		JsonMapper.builder()
			.build()
			.writerWithDefaultPrettyPrinter()
			.writeValue(markdown.resolveSibling(name + "-goals.json").toFile(), medians);
	}

	static String markdown(List<Path> runs) throws IOException {
		return markdown(runs.size(), runs.stream().map(Path::toString).toList(), figures(runs));
	}

	/**
	 * Each figure's values over the runs, sorted, a run that did not measure it left out.
	 */
	static Map<String, double[]> figures(List<Path> runs) throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		Map<String, List<Double>> byFigure = new LinkedHashMap<>();
		for (Path run : runs) {
			JsonNode figures = json.readTree(run.toFile());
			for (Map.Entry<String, JsonNode> figure : figures.properties()) {
				byFigure.computeIfAbsent(figure.getKey(), (k) -> new ArrayList<>())
					.add(figure.getValue().isNumber() ? figure.getValue().asDouble() : Double.NaN);
			}
		}
		Map<String, double[]> sorted = new LinkedHashMap<>();
		byFigure.forEach((figure, values) -> sorted.put(figure,
				values.stream().mapToDouble(Double::doubleValue).filter((v) -> !Double.isNaN(v)).sorted().toArray()));
		return sorted;
	}

	private static String markdown(int count, List<String> runs, Map<String, double[]> figures) {
		StringBuilder md = new StringBuilder();
		md.append("# Benchmark spread over ").append(count).append(" runs\n\n");
		md.append("Runs: ")
			.append(String.join(", ", runs.stream().map((p) -> "`" + Path.of(p).getFileName() + "`").toList()))
			.append(".\n\n");
		md.append("| figure | min | median | max |\n|---|---|---|---|\n");
		figures.forEach((figure, sorted) -> {
			if (sorted.length == 0) {
				md.append("| ").append(figure).append(" | — | — | — |\n");
				return;
			}
			md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", figure, number(sorted[0]),
					number(median(sorted)), number(sorted[sorted.length - 1])));
		});
		return md.toString();
	}

	static double median(double[] sorted) {
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static String number(double value) {
		return (Math.abs(value) >= 100) ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%.2f", value);
	}

}
