package com.eventshop.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names that the Grafana dashboard's and the alert rules' PromQL expressions
 * read, so that a test can hold them against what the services expose.
 */
final class PromQl {

	private static final Pattern LABELS = Pattern.compile("\\{[^}]*}");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	private static final Pattern STRING = Pattern.compile("\"[^\"]*\"");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	/**
	 * PromQL's functions, aggregations and keywords that may appear in our expressions.
	 */
	private static final Set<String> LANGUAGE = Set.of("sum", "min", "max", "avg", "count", "rate", "irate", "increase",
			"delta", "deriv", "histogram_quantile", "max_over_time", "min_over_time", "avg_over_time", "absent",
			"absent_over_time", "changes", "clamp_min", "clamp_max", "topk", "bottomk", "time", "vector", "scalar",
			"and", "or", "unless", "bool", "offset", "abs", "round", "label_replace", "predict_linear");

	private PromQl() {
	}

	/** Every PromQL expression of a Grafana dashboard ({@code expr} of each target). */
	static List<String> dashboardExpressions(String dashboardJson) {
		List<String> expressions = new ArrayList<>();
		collect(JsonMapper.builder().build().readTree(dashboardJson), expressions);
		return expressions;
	}

	private static void collect(JsonNode node, List<String> expressions) {
		if (node.isObject()) {
			node.properties().forEach((entry) -> {
				if (entry.getKey().equals("expr") && entry.getValue().isString()) {
					expressions.add(entry.getValue().asString());
				}
				else {
					collect(entry.getValue(), expressions);
				}
			});
		}
		else if (node.isArray()) {
			node.forEach((child) -> collect(child, expressions));
		}
	}

	/** Every {@code expr:} of a Prometheus rules file, each on one line. */
	static List<String> ruleExpressions(String rulesYaml) {
		List<String> expressions = new ArrayList<>();
		Matcher matcher = Pattern.compile("(?m)^\\s*expr:\\s*(.+)$").matcher(rulesYaml);
		while (matcher.find()) {
			expressions.add(matcher.group(1));
		}
		return expressions;
	}

	/** The metric names an expression reads. */
	static Set<String> metricNames(String expression) {
		String stripped = STRING.matcher(expression).replaceAll(" ");
		stripped = LABELS.matcher(stripped).replaceAll(" ");
		stripped = GROUPING.matcher(stripped).replaceAll(" ");
		stripped = RANGE.matcher(stripped).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(stripped);
		while (matcher.find()) {
			String word = matcher.group();
			boolean number = matcher.start() > 0 && Character.isDigit(stripped.charAt(matcher.start() - 1));
			if (!LANGUAGE.contains(word) && !number) {
				names.add(word);
			}
		}
		return names;
	}

	/** The metric names in a Prometheus text exposition (a scrape). */
	static Set<String> exposed(String scrape) {
		Set<String> names = new TreeSet<>();
		scrape.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).forEach((line) -> {
			Matcher matcher = IDENTIFIER.matcher(line);
			if (matcher.lookingAt()) {
				names.add(matcher.group());
			}
		});
		return names;
	}

}
