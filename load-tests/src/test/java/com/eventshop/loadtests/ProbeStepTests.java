package com.eventshop.loadtests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.eventshop.loadtests.load.OpenLoad;
import com.eventshop.loadtests.measure.Latencies.Summary;
import com.eventshop.loadtests.report.Results;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeStepTests {

	private static OpenLoad.Result taking(long scheduled, long accepted) {
		return new OpenLoad.Result(100, 30, scheduled, accepted, scheduled - accepted, 0, 0, 0, accepted / 30.0,
				Summary.EMPTY, Summary.EMPTY, List.of());
	}

	@Test
	void aStepThatTakesEveryArrivalAndGrowsNothingIsFlat() {
		Results.ProbeStep step = Benchmark.probeStep(100, taking(3_000, 3_000),
				Map.of("inventory", 0.4, "e-mail backlog", -0.2));
		assertThat(step.flat()).isTrue();
		assertThat(step.steepestOf()).isEqualTo("inventory");
	}

	@Test
	void aGrowingEmailBacklogEndsTheProbe() {
		Results.ProbeStep step = Benchmark.probeStep(100, taking(3_000, 3_000),
				Map.of("inventory", 0.4, "e-mail backlog", 12.0));
		assertThat(step.flat()).isFalse();
		assertThat(step.steepestOf()).isEqualTo("e-mail backlog");
	}

	@Test
	void refusingArrivalsEndsTheProbeEvenWithNothingGrowing() {
		// admission control keeps the lags flat by refusing: that rate is not sustained
		Results.ProbeStep step = Benchmark.probeStep(100, taking(3_000, 2_700), Map.of("inventory", 0.0));
		assertThat(step.flat()).isFalse();
		assertThat(step.taken()).isEqualTo(0.9);
	}

	private static Results.ProbeStep step(double rate, boolean flat) {
		return new Results.ProbeStep(rate, rate, 1, flat ? 0 : 5, "order", flat);
	}

	@Test
	void aStepThatIsNotFlatOnceButFlatWhenAskedAgainLetsTheProbeGoOn() throws Exception {
		List<Boolean> outcomes = new ArrayList<>(List.of(true, false, true, true, false, false));
		Results.Probe probe = Benchmark.probe(List.of(20.0, 25.0, 31.0, 39.0, 49.0),
				(rate) -> step(rate, outcomes.removeFirst()));

		assertThat(probe.sustainable()).isEqualTo(31.0);
		assertThat(probe.steps()).extracting(Results.ProbeStep::rate)
			.containsExactly(20.0, 25.0, 25.0, 31.0, 39.0, 39.0);
	}

	@Test
	void aFirstRateNotFlatTwiceLeavesNoSustainableRate() throws Exception {
		Results.Probe probe = Benchmark.probe(List.of(20.0, 25.0), (rate) -> step(rate, false));

		assertThat(probe.sustainable()).isZero();
		assertThat(probe.steps()).hasSize(2);
	}

}
