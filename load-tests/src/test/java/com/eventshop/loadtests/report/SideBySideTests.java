package com.eventshop.loadtests.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SideBySideTests {

	private static final SideBySide.Run SINGLE = new SideBySide.Run("2026-12-03", 400, 380, 10.0,
			Map.of("kafka", 1.0, "order", 3.0, "generator", 0.5), Map.of("kafka", 1, "order", 1, "generator", 1));

	private static final SideBySide.Run SCALED = new SideBySide.Run("2026-12-03-scaled", 250, 240, 16.5,
			Map.of("kafka", 4.0, "order", 3.5, "generator", 0.5, "edge", 1.25),
			Map.of("kafka", 3, "order", 2, "generator", 1, "edge", 1));

	@TempDir
	Path folder;

	@Test
	void theOverheadIsTheScaledStacksCpuPerOrderLessTheSingleStacksPerRole() {
		Map<String, Double> overhead = SideBySide.overhead(SINGLE, SCALED);
		assertThat(overhead.get(SideBySide.ALL)).isCloseTo(6.5, within(1e-9));
		assertThat(overhead.get("kafka")).isCloseTo(3.0, within(1e-9));
		assertThat(overhead.get("order")).isCloseTo(0.5, within(1e-9));
		assertThat(overhead.get("generator")).isCloseTo(0.0, within(1e-9));
		// the single run's report had no edge column: all of it is the scaled run's
		assertThat(overhead.get("edge")).isCloseTo(1.25, within(1e-9));
	}

	@Test
	void theSectionShowsBothRatesBothCostsAndTheDifferencePerRole() {
		String md = SideBySide.markdown(SINGLE, SCALED);
		assertThat(md).contains("`2026-12-03`", "| highest sustainable rate, orders/s | 400 | 250 | -150 |",
				"| completed orders/s, sustained | 380 | 240 | -140 |",
				"| CPU ms per completed order, all processes | 10.00 | 16.50 | **6.50** |",
				"| kafka | 1.00 (1) | 4.00 (3) | 3.00 |", "| edge | 0.00 (0) | 1.25 (1) | 1.25 |");
	}

	@Test
	void aProbeThatFoundNoFlatRateIsShownAsSuchNotAsZero() {
		SideBySide.Run none = new SideBySide.Run("2026-12-03-scaled", 0, 9, 252.0, Map.of("kafka", 43.0),
				Map.of("kafka", 3));
		assertThat(SideBySide.markdown(SINGLE, none))
			.contains("| highest sustainable rate, orders/s | 400 | none flat | — |");
	}

	@Test
	void findsTheNewestSingleStackRunOfTheDayAndReadsItsCostPerRole() throws Exception {
		write("2026-12-02", 700, single(7), 1_000);
		write("2026-12-03-morning", 300, single(3), 2_000);
		write("2026-12-03-noon", 500, single(5), 3_000);
		write("2026-12-03-scaled-earlier", 200, scaled(), 4_000);
		SideBySide.Run run = SideBySide.newestSingle(this.folder, "2026-12-03", "2026-12-03-scaled").orElseThrow();
		assertThat(run.name()).isEqualTo("2026-12-03-noon");
		assertThat(run.sustainableRate()).isEqualTo(500);
		assertThat(run.cpuPerOrderMs()).isEqualTo(12.5);
		// 100 completed orders; kafka spent 200 ms, the two order JVMs... one here: 500
		// ms
		assertThat(run.cpuPerOrderByRole()).containsExactlyInAnyOrderEntriesOf(Map.of("kafka", 2.0, "order", 5.0));
	}

	@Test
	void aDayWithoutASingleStackRunIsSaidSo() throws Exception {
		write("2026-12-03-scaled-earlier", 200, scaled(), 1_000);
		assertThat(SideBySide.newestSingle(this.folder, "2026-12-03", "2026-12-03-scaled")).isEmpty();
	}

	@Test
	void runsWrittenBeforeTheStacksShapeWasRecordedAreSingle() throws Exception {
		assertThat(SideBySide.scaled(tools.jackson.databind.json.JsonMapper.builder().build().readTree("{}")))
			.isFalse();
		assertThat(SideBySide.scaled(tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree("{\"topology\":{\"brokers\":1,\"instances\":{\"order\":2}}}"))).isTrue();
	}

	private void write(String name, int sustainableRate, String raw, long modified) throws Exception {
		Path goals = this.folder.resolve(name + "-goals.json");
		Files.writeString(goals, "{\"highest sustainable rate, orders/s\": " + sustainableRate + ","
				+ "\"completed orders/s, sustained\": 90, \"CPU ms per completed order\": 12.5}");
		Files.writeString(this.folder.resolve(name + ".json"), raw);
		Files.setLastModifiedTime(goals, FileTime.fromMillis(modified));
	}

	private static String single(int orderCpuTenths) {
		return """
				{"topology": {"brokers": 1, "instances": {"order": 1}},
				 "sustained": {"name": "sustained 100/s", "completion": {"completed": 100}},
				 "samples": [
				   {"second": 0, "phase": "sustained 100/s", "processes": {"kafka": {"cpuMillis": 0, "rssKiB": 1},
				     "order": {"cpuMillis": 0, "rssKiB": 1}}},
				   {"second": 1, "phase": "settle", "processes": {"kafka": {"cpuMillis": 200, "rssKiB": 1},
				     "order": {"cpuMillis": %d, "rssKiB": 1}}}]}
				""".formatted(100 * orderCpuTenths);
	}

	private static String scaled() {
		return "{\"topology\": {\"brokers\": 3, \"instances\": {\"order\": 2}}}";
	}

}
