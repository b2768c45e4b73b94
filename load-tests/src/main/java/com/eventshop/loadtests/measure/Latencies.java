package com.eventshop.loadtests.measure;

import java.util.Arrays;

/**
 * Collects latencies in microseconds from any thread and summarizes them. Every value is
 * kept (a benchmark phase records at most a few hundred thousand), so the percentiles are
 * exact rather than approximated by buckets.
 */
public final class Latencies {

	private long[] values = new long[1024];

	private int size;

	public synchronized void add(long micros) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = micros;
	}

	public synchronized int count() {
		return this.size;
	}

	public synchronized Summary summary() {
		return Summary.of(Arrays.copyOf(this.values, this.size));
	}

	/**
	 * Percentiles of a set of latencies, in milliseconds.
	 *
	 * @param count how many values
	 * @param p50 median
	 * @param p95 95th percentile
	 * @param p99 99th percentile
	 * @param max largest value
	 */
	public record Summary(int count, double p50, double p95, double p99, double max) {

		public static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

		/** Summarizes values in microseconds; the array is sorted in place. */
		public static Summary of(long[] micros) {
			if (micros.length == 0) {
				return EMPTY;
			}
			Arrays.sort(micros);
			return new Summary(micros.length, millis(percentile(micros, 50)), millis(percentile(micros, 95)),
					millis(percentile(micros, 99)), millis(micros[micros.length - 1]));
		}

		private static double millis(long micros) {
			return micros / 1000.0;
		}

	}

	/**
	 * The nearest-rank percentile: the smallest value that at least {@code p} percent of
	 * the values do not exceed.
	 * @param sorted values in ascending order, at least one
	 * @param p the percentile, above 0 and at most 100
	 */
	static long percentile(long[] sorted, double p) {
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

}
