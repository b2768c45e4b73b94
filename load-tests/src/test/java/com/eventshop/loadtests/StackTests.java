package com.eventshop.loadtests;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

import com.eventshop.loadtests.report.JfrProfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the benchmark reads the analytics rebuild's times (the ISO-8601 text the service
 * writes, and nothing it could only guess the unit of) and what it does with a service
 * that exited before its recording was dumped.
 */
class StackTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void readsTheIsoTextTheAnalyticsServiceWrites() {
		JsonNode run = JSON.readTree("{\"startedAt\":\"2026-12-03T12:34:56.789012Z\"}");
		assertThat(Stack.instant(run.path("startedAt"))).isEqualTo(Instant.parse("2026-12-03T12:34:56.789012Z"));
	}

	@Test
	void aNumberIsRefusedRatherThanReadInAGuessedUnit() {
		JsonNode run = JSON.readTree("{\"startedAt\":1764765296.789}");
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> Stack.instant(run.path("startedAt")));
	}

	@Test
	void aServiceThatExitedDuringTheRunIsReportedWithoutARecording(@TempDir Path folder) throws Exception {
		Process exited = new ProcessBuilder("true").start();
		exited.waitFor();
		Stack stack = new Stack(Settings.parse(), () -> "");

		Map<String, JfrProfile.Profile> profiles = stack.stopProfiling(Map.of("email", exited.pid()), folder, 12);

		assertThat(profiles.get("email").missing()).isEqualTo("process " + exited.pid() + " exited during the run");
		assertThat(profiles.get("email").samples()).isZero();
	}

	@Test
	void refusalsAreReadFromTheCounterByReasonAndCountedBetweenTwoReadings() {
		// the metrics endpoint's answer for the counter, then for one of its reasons
		JsonNode all = JSON.readTree("""
				{"name": "eventshop.orders.admission.refused",
				 "measurements": [{"statistic": "COUNT", "value": 1293.0}],
				 "availableTags": [{"tag": "application", "values": ["order-service"]},
				                   {"tag": "reason", "values": ["in-flight", "saga-delay", "saga-lag"]}]}""");
		JsonNode inFlight = JSON.readTree("""
				{"name": "eventshop.orders.admission.refused",
				 "measurements": [{"statistic": "COUNT", "value": 1250.0}],
				 "availableTags": [{"tag": "application", "values": ["order-service"]}]}""");

		assertThat(Stack.reasons(all)).containsExactly("in-flight", "saga-delay", "saga-lag");
		assertThat(Stack.count(inFlight)).isEqualTo(1250L);
		Map<String, Long> after = new TreeMap<>(Map.of("in-flight", 1250L, "saga-delay", 40L, "saga-lag", 3L));
		assertThat(Stack.refusedBetween(Map.of("in-flight", 1000L, "saga-lag", 3L), after))
			.containsExactlyEntriesOf(new TreeMap<>(Map.of("in-flight", 250L, "saga-delay", 40L)));
	}

}
