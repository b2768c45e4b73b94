package com.eventshop.edge.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key, in memory. A bucket holds up to {@code capacity} tokens and
 * refills continuously at {@code capacity} per {@code refillPeriod}; each permitted call
 * takes one. A bucket that has filled up again says nothing a new one would not, so those
 * are dropped when the map grows past its bound.
 */
final class TokenBuckets {

	private final double capacity;

	private final double tokensPerNano;

	private final int trackedKeys;

	private final LongSupplier nanoTime;

	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	TokenBuckets(int capacity, Duration refillPeriod, int trackedKeys, LongSupplier nanoTime) {
		if (capacity < 1 || refillPeriod.isNegative() || refillPeriod.isZero() || trackedKeys < 1) {
			throw new IllegalArgumentException("A rate limit needs a capacity, refill period and bound above zero");
		}
		this.capacity = capacity;
		this.tokensPerNano = capacity / (double) refillPeriod.toNanos();
		this.trackedKeys = trackedKeys;
		this.nanoTime = nanoTime;
	}

	/**
	 * Takes a token from the key's bucket.
	 * @return empty if the call may go ahead, otherwise how long until a token is back
	 */
	Optional<Duration> take(String key) {
		long now = this.nanoTime.getAsLong();
		if (this.buckets.size() >= this.trackedKeys && !this.buckets.containsKey(key)) {
			this.buckets.values().removeIf((bucket) -> bucket.isFullAt(now));
		}
		return this.buckets.computeIfAbsent(key, (k) -> new Bucket(now)).take(now);
	}

	int trackedKeys() {
		return this.buckets.size();
	}

	private final class Bucket {

		private double tokens = TokenBuckets.this.capacity;

		private long updatedAt;

		Bucket(long now) {
			this.updatedAt = now;
		}

		synchronized Optional<Duration> take(long now) {
			refill(now);
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return Optional.empty();
			}
			long wait = (long) Math.ceil((1 - this.tokens) / TokenBuckets.this.tokensPerNano);
			return Optional.of(Duration.ofNanos(wait));
		}

		synchronized boolean isFullAt(long now) {
			refill(now);
			return this.tokens >= TokenBuckets.this.capacity;
		}

		private void refill(long now) {
			long elapsed = now - this.updatedAt;
			if (elapsed > 0) {
				this.tokens = Math.min(TokenBuckets.this.capacity,
						this.tokens + elapsed * TokenBuckets.this.tokensPerNano);
				this.updatedAt = now;
			}
		}

	}

}
