package com.eventshop.loadtests;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the benchmark reads the analytics rebuild's times: the ISO-8601 text the service
 * writes, and nothing it could only guess the unit of.
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

}
