package com.eventshop.loadtests.measure;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConsumerLagTests {

	private static final TopicPartition P0 = new TopicPartition("shop.orders.v1", 0);

	private static final TopicPartition P1 = new TopicPartition("shop.orders.v1", 1);

	@Test
	void lagIsTheRecordsPastTheCommittedOffsetsSummedOverPartitions() {
		assertThat(ConsumerLag.lag(Map.of(P0, 90L, P1, 200L), Map.of(P0, 100L, P1, 205L))).isEqualTo(15);
	}

	@Test
	void aPartitionWithoutAKnownEndCountsNothing() {
		assertThat(ConsumerLag.lag(Map.of(P0, 90L, P1, 10L), Map.of(P0, 100L))).isEqualTo(10);
	}

	@Test
	void aCommitAheadOfAStaleEndIsNotNegativeLag() {
		assertThat(ConsumerLag.lag(Map.of(P0, 120L), Map.of(P0, 100L))).isZero();
	}

	@Test
	void steadyLagHasNoSlope() {
		assertThat(ConsumerLag.slope(List.of(0.0, 1.0, 2.0), List.of(5L, 5L, 5L))).isZero();
	}

	@Test
	void growingLagHasItsRateAsSlope() {
		assertThat(ConsumerLag.slope(List.of(10.0, 11.0, 12.0, 13.0), List.of(100L, 300L, 500L, 700L))).isCloseTo(200.0,
				within(1e-9));
	}

	@Test
	void tooFewSamplesHaveNoSlope() {
		assertThat(ConsumerLag.slope(List.of(1.0), List.of(100L))).isZero();
	}

}
