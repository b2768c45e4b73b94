package com.eventshop.analytics.facts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Orders per time bucket and currency. Buckets without orders are left out.
 *
 * @param bucket {@code minute} or {@code hour}
 * @param from first instant of the window
 * @param to first instant after it
 * @param currency the one currency asked for, or null for all
 * @param points by bucket start, then currency
 */
record Timeseries(String bucket, Instant from, Instant to, @Nullable String currency, List<Point> points) {

	/**
	 * @param start start of the bucket (UTC-aligned); the first one may begin before the
	 * window, but counts only orders inside it
	 * @param currency ISO 4217 code
	 * @param placedOrders orders placed in the bucket in this currency
	 * @param placedValue sum of their totals, whatever became of them
	 * @param soldOrders those of them sold: confirmed or shipped, and not cancelled
	 * @param revenue sum of the sold orders' totals
	 */
	record Point(Instant start, String currency, long placedOrders, String placedValue, long soldOrders,
			String revenue) {
	}

}
