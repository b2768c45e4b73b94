package com.eventshop.order.admission;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The saga's delay from readings with given times: no clock, no broker.
 */
class SagaProgressTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	@Test
	void theDelayIsTheLagOverTheRateTheGroupCommittedAt() {
		SagaProgress progress = new SagaProgress();
		assertThat(progress.delay(0, 1_000, 50)).as("one reading has no rate").isNull();
		assertThat(progress.delay(SECOND / 2, 1_050, 50)).as("half a second is too short").isNull();
		// 200 records read in 2 s: 100 a second, so 300 waiting take 3 s
		assertThat(progress.delay(2 * SECOND, 1_200, 300)).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void noLagIsNoDelayEvenWithoutARate() {
		assertThat(new SagaProgress().delay(0, 1_000, 0)).isEqualTo(Duration.ZERO);
	}

	@Test
	void onlyTheLastFiveSecondsCount() {
		SagaProgress progress = new SagaProgress();
		progress.delay(0, 0, 10);
		// fast at first, then 10 a second for the last five seconds
		progress.delay(SECOND, 10_000, 10);
		for (int second = 2; second <= 7; second++) {
			progress.delay(second * SECOND, 10_000 + (second - 1) * 10L, 10);
		}
		assertThat(progress.delay(8 * SECOND, 10_070, 100)).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void aGroupThatCaughtUpWithinTheWindowReadWhatArrivedNotWhatItCould() {
		SagaProgress progress = new SagaProgress();
		progress.delay(0, 0, 0);
		// a burst after a quiet spell: two records read in the first seconds of it
		progress.delay(SECOND, 1, 40);
		assertThat(progress.delay(2 * SECOND, 2, 80)).as("the quiet reading is still in the window").isNull();
		for (int second = 3; second <= 5; second++) {
			progress.delay(second * SECOND, second * 50L, 80);
		}
		// from 1 s to 6 s it read 299 records with a lag all along: about 60 a second
		assertThat(progress.delay(6 * SECOND, 300, 120)).isEqualTo(Duration.ofNanos(2_006_688_963));
	}

	@Test
	void aGroupThatCommitsNothingHasAnUnknownDelayNotAnEndlessOne() {
		SagaProgress progress = new SagaProgress();
		progress.delay(0, 500, 100);
		assertThat(progress.delay(3 * SECOND, 500, 400)).isNull();
	}

	@Test
	void committedOffsetsThatFallStartTheWindowAgain() {
		SagaProgress progress = new SagaProgress();
		progress.delay(0, 5_000, 10);
		progress.delay(2 * SECOND, 5_200, 10);
		assertThat(progress.delay(3 * SECOND, 100, 10)).as("offsets reset: one reading again").isNull();
		assertThat(progress.delay(5 * SECOND, 300, 200)).isEqualTo(Duration.ofSeconds(2));
	}

}
