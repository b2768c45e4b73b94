package com.eventshop.edge.console.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text format that a service's {@code /actuator/prometheus} answers:
 * one sample a line, {@code name{label="value",...} number}. Comments, and samples whose
 * value is not a number, are skipped.
 */
final class PrometheusText {

	record Sample(String name, Map<String, String> labels, double value) {

		String label(String label) {
			return this.labels.getOrDefault(label, "");
		}

	}

	private PrometheusText() {
	}

	static List<Sample> parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int brace = line.indexOf('{');
			int close = line.lastIndexOf('}');
			int space = line.lastIndexOf(' ');
			if (space < 0 || (brace >= 0 && close < brace)) {
				continue;
			}
			String name = (brace >= 0) ? line.substring(0, brace) : line.substring(0, space).trim();
			Map<String, String> labels = (brace >= 0) ? labels(line.substring(brace + 1, close)) : Map.of();
			try {
				samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1).trim())));
			}
			catch (NumberFormatException ex) {
				// NaN and infinities parse; anything else is not a sample
			}
		}
		return samples;
	}

	private static Map<String, String> labels(String text) {
		Map<String, String> labels = new LinkedHashMap<>();
		int i = 0;
		while (i < text.length()) {
			int equals = text.indexOf("=\"", i);
			if (equals < 0) {
				break;
			}
			String name = text.substring(i, equals).trim();
			StringBuilder value = new StringBuilder();
			int j = equals + 2;
			while (j < text.length() && text.charAt(j) != '"') {
				char c = text.charAt(j);
				if (c == '\\' && j + 1 < text.length()) {
					char next = text.charAt(++j);
					value.append((next == 'n') ? '\n' : next);
				}
				else {
					value.append(c);
				}
				j++;
			}
			labels.put(name, value.toString());
			i = j + 1;
			while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
				i++;
			}
		}
		return labels;
	}

}
