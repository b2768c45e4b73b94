package com.eventshop.edge.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTests {

	private final AtomicLong now = new AtomicLong(1_000);

	private final TokenBuckets buckets = new TokenBuckets(2, Duration.ofSeconds(10), 2, this.now::get);

	@Test
	void aBurstUpToTheCapacityPassesAndTheNextCallIsToldHowLongToWait() {
		assertThat(this.buckets.take("ada")).isEmpty();
		assertThat(this.buckets.take("ada")).isEmpty();

		assertThat(this.buckets.take("ada")).hasValue(Duration.ofSeconds(5));
	}

	@Test
	void tokensComeBackAtTheRefillRate() {
		this.buckets.take("ada");
		this.buckets.take("ada");

		advance(Duration.ofMillis(4_999));
		assertThat(this.buckets.take("ada")).hasValueSatisfying((wait) -> assertThat(wait).isPositive());
		advance(Duration.ofMillis(1));
		assertThat(this.buckets.take("ada")).isEmpty();
	}

	@Test
	void oneCustomersEmptyBucketLeavesAnothersAlone() {
		this.buckets.take("ada");
		this.buckets.take("ada");

		assertThat(this.buckets.take("ada")).isPresent();
		assertThat(this.buckets.take("grace")).isEmpty();
	}

	@Test
	void bucketsThatFilledUpAgainAreDroppedWhenTheBoundIsReached() {
		this.buckets.take("ada");
		this.buckets.take("grace");
		advance(Duration.ofSeconds(10));

		assertThat(this.buckets.take("hedy")).isEmpty();

		assertThat(this.buckets.trackedKeys()).isEqualTo(1);
	}

	@Test
	void bucketsStillRefillingAreKeptPastTheBound() {
		this.buckets.take("ada");
		this.buckets.take("ada");
		this.buckets.take("grace");
		this.buckets.take("grace");
		advance(Duration.ofSeconds(5));

		this.buckets.take("hedy");

		assertThat(this.buckets.trackedKeys()).isEqualTo(3);
		assertThat(this.buckets.take("ada")).isEmpty();
		assertThat(this.buckets.take("ada")).isPresent();
	}

	private void advance(Duration duration) {
		this.now.addAndGet(duration.toNanos());
	}

}
