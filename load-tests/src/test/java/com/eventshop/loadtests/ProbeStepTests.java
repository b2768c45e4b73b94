package com.eventshop.loadtests;

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

}
