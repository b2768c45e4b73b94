package com.eventshop.analytics.facts;

/**
 * A time series window that would need more buckets than one response may hold.
 */
class TooManyBucketsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long buckets;

	private final long maxBuckets;

	TooManyBucketsException(Bucket bucket, long buckets, long maxBuckets) {
		super("The window spans " + buckets + " " + bucket.text() + " buckets; at most " + maxBuckets
				+ " fit one response: narrow the window or use a larger bucket");
		this.buckets = buckets;
		this.maxBuckets = maxBuckets;
	}

	long getBuckets() {
		return this.buckets;
	}

	long getMaxBuckets() {
		return this.maxBuckets;
	}

}
