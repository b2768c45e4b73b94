package com.eventshop.loadtests.measure;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTests {

	@Test
	void percentilesAreNearestRankOfAllValues() {
		Latencies latencies = new Latencies();
		// 1..1000 ms in shuffled order
		IntStream.rangeClosed(1, 1000).map((i) -> (i * 7919) % 1000 + 1).forEach((ms) -> latencies.add(ms * 1000L));
		Latencies.Summary summary = latencies.summary();
		assertThat(summary.count()).isEqualTo(1000);
		assertThat(summary.p50()).isEqualTo(500.0);
		assertThat(summary.p95()).isEqualTo(950.0);
		assertThat(summary.p99()).isEqualTo(990.0);
		assertThat(summary.max()).isEqualTo(1000.0);
	}

	@Test
	void aSingleValueIsEveryPercentile() {
		assertThat(Latencies.Summary.of(new long[] { 1500 })).isEqualTo(new Latencies.Summary(1, 1.5, 1.5, 1.5, 1.5));
	}

	@Test
	void smallSetsRoundTheRankUp() {
		long[] sorted = { 10, 20, 30, 40 };
		assertThat(Latencies.percentile(sorted, 50)).isEqualTo(20);
		assertThat(Latencies.percentile(sorted, 51)).isEqualTo(30);
		assertThat(Latencies.percentile(sorted, 99)).isEqualTo(40);
		assertThat(Latencies.percentile(sorted, 100)).isEqualTo(40);
	}

	@Test
	void nothingRecordedSummarizesAsEmpty() {
		assertThat(new Latencies().summary()).isEqualTo(Latencies.Summary.EMPTY);
		assertThat(Latencies.Summary.EMPTY.p99()).isNaN();
	}

	@Test
	void valuesFromManyThreadsAreAllKept() throws InterruptedException {
		Latencies latencies = new Latencies();
		Thread[] threads = new Thread[8];
		for (int t = 0; t < threads.length; t++) {
			threads[t] = Thread.ofPlatform().start(() -> IntStream.range(0, 5000).forEach((i) -> latencies.add(i)));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(latencies.count()).isEqualTo(40_000);
	}

}
