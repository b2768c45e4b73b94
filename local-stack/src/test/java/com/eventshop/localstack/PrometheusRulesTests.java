package com.eventshop.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules in {@code docker/prometheus/alerts.yml} pass their unit tests
 * ({@code alerts-test.yml}) under {@code promtool test rules}, every rule has a case
 * where it fires and one where it stays silent, and Prometheus's configuration that loads
 * them is valid. {@code promtool} comes with Debian's {@code prometheus} package, which
 * {@code .ci/run} installs.
 */
class PrometheusRulesTests {

	@Test
	void alertRulesPassTheirUnitTests() throws Exception {
		String output = promtool("test", "rules", "docker/prometheus/alerts-test.yml");
		assertThat(output).contains("SUCCESS").doesNotContain("FAILED");
	}

	@Test
	void prometheusConfigurationAndItsRulesAreValid() throws Exception {
		String output = promtool("check", "config", "docker/prometheus/prometheus.yml");
		assertThat(output).contains("6 rules found");
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyRuleHasAFiringAndASilentCase() {
		Set<String> rules = new TreeSet<>();
		for (Object group : (List<Object>) Repository.yaml("docker/prometheus/alerts.yml").get("groups")) {
			for (Object rule : (List<Object>) Repository.map(group).get("rules")) {
				rules.add((String) Repository.map(rule).get("alert"));
			}
		}
		Set<String> firing = new TreeSet<>();
		Set<String> silent = new TreeSet<>();
		for (Object test : (List<Object>) Repository.yaml("docker/prometheus/alerts-test.yml").get("tests")) {
			for (Object check : (List<Object>) Repository.map(test).getOrDefault("alert_rule_test", List.of())) {
				Map<String, Object> alert = Repository.map(check);
				List<Object> expected = (List<Object>) alert.getOrDefault("exp_alerts", List.of());
				(expected.isEmpty() ? silent : firing).add((String) alert.get("alertname"));
			}
		}
		assertThat(rules).hasSize(6);
		assertThat(firing).as("rules with a firing case").isEqualTo(rules);
		assertThat(silent).as("rules with a silent case").isEqualTo(rules);
	}

	private static String promtool(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("promtool"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(Repository.root().toFile())
			.redirectErrorStream(true)
			.start();
		ProcessOutput output = ProcessOutput.of(process);
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("promtool finished").isTrue();
		String text = output.awaitEnd();
		assertThat(process.exitValue()).as(text).isZero();
		return text;
	}

}
