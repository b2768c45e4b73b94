package com.eventshop.loadtests.report;

import java.util.List;
import java.util.Map;

import com.eventshop.loadtests.measure.ProcessStats.Reading;
import com.eventshop.loadtests.measure.Sampler.Sample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FootprintTests {

	@Test
	void readsEachProcessInTheLastSampleOfThePhase() {
		List<Sample> samples = List.of(sample("sustained 100/s", Map.of("order", 100_000L, "kafka", 200_000L)),
				sample("sustained 100/s", Map.of("order", 300_000L, "kafka", 400_000L)),
				sample("settle", Map.of("order", 900_000L, "kafka", 900_000L)));
		Footprint footprint = Footprint.of(samples, "sustained 100/s");
		assertThat(footprint.rssKiB()).containsExactlyInAnyOrderEntriesOf(Map.of("order", 300_000L, "kafka", 400_000L));
		assertThat(footprint.allKiB()).isEqualTo(700_000L);
	}

	@Test
	void theStacksTotalLeavesOutTheGeneratorAndTheServersBackgroundProcesses() {
		Footprint footprint = new Footprint("sustained 100/s", Map.of("order", 102_400L, "order-2", 204_800L, "kafka",
				307_200L, "generator", 512_000L, "postgresql background", 51_200L));
		assertThat(footprint.stackKiB()).isEqualTo(614_400L);
		assertThat(footprint.allKiB()).isEqualTo(1_177_600L);
	}

	@Test
	void theTableShowsEveryProcessTheRolesAndTheTotals() {
		String md = new Footprint("sustained 100/s",
				Map.of("order", 102_400L, "order-2", 204_800L, "kafka", 307_200L, "generator", 512_000L))
			.markdown();
		assertThat(md).contains("## Footprint", "\"sustained 100/s\"", "| order | 100 |", "| order-2 | 200 |",
				"| kafka | 300 |", "| generator | 500 |", "| **the stack's processes** | **600** |",
				"| all processes sampled | 1,100 |", "| order (2) | 300 |");
	}

	@Test
	void aSingleStackHasNoTablePerRole() {
		String md = new Footprint("sustained 100/s", Map.of("order", 102_400L, "kafka", 307_200L)).markdown();
		assertThat(md).contains("| **the stack's processes** | **400** |").doesNotContain("Per role");
	}

	@Test
	void aPhaseWithoutSamplesSaysSo() {
		assertThat(Footprint.of(List.of(), "sustained 100/s").markdown()).contains("No process was sampled");
	}

	private static Sample sample(String phase, Map<String, Long> rss) {
		Map<String, Reading> processes = new java.util.TreeMap<>();
		rss.forEach((process, kib) -> processes.put(process, new Reading(0, kib)));
		return new Sample(0, phase, Map.of(), 0, processes);
	}

}
