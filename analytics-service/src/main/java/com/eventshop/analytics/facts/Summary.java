package com.eventshop.analytics.facts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Orders placed in a window and what became of them. Money is never summed across
 * currencies: each currency has its own entry, and a SKU sold in two currencies appears
 * once per currency.
 *
 * @param from first instant of the window
 * @param to first instant after it
 * @param placedOrders orders placed in the window, all currencies, whatever became of
 * them
 * @param currencies totals per currency, by currency code
 * @param topSkus the most sold SKUs by units over the sold orders (confirmed or shipped,
 * not cancelled), ties broken by SKU
 * @param outcomes the orders per latest state
 * @param rejectionRate rejected orders over decided ones, four decimals rounded half-even
 * @param timeToConfirm from placed to confirmed, over the confirmed orders
 * @param timeToShip from placed to shipped, over the shipped orders
 */
record Summary(Instant from, Instant to, long placedOrders, List<CurrencyTotals> currencies, List<TopSku> topSkus,
		Outcomes outcomes, String rejectionRate, Durations timeToConfirm, Durations timeToShip) {

	/**
	 * @param currency ISO 4217 code
	 * @param placedOrders orders placed in this currency
	 * @param placedValue sum of their totals, rejected and cancelled ones included
	 * @param soldOrders those of them sold: confirmed or shipped, and not cancelled
	 * @param revenue sum of the sold orders' totals
	 * @param averageOrderValue revenue per sold order, rounded half-even to cents; null
	 * when none was sold
	 */
	record CurrencyTotals(String currency, long placedOrders, String placedValue, long soldOrders, String revenue,
			@Nullable String averageOrderValue) {
	}

	/**
	 * @param sku the product
	 * @param currency the currency it was sold in
	 * @param units units sold (in sold orders)
	 * @param revenue sum of its line totals in sold orders
	 */
	record TopSku(String sku, String currency, long units, String revenue) {
	}

	/**
	 * Each order of the window once, in its latest state (cancelled over shipped over
	 * rejected over confirmed); the five add up to {@code placedOrders}.
	 *
	 * @param pending no outcome yet
	 * @param confirmed confirmed, not (yet) shipped or cancelled
	 * @param rejected rejected
	 * @param shipped shipped
	 * @param cancelled cancelled, whether before or after confirmation
	 */
	record Outcomes(long pending, long confirmed, long rejected, long shipped, long cancelled) {
	}

	/**
	 * A distribution of durations in whole milliseconds (rounded half-even); the values
	 * are null when {@code count} is zero.
	 *
	 * @param count orders measured
	 * @param p50Ms the median (continuous percentile, interpolated)
	 * @param p95Ms the 95th percentile (continuous, interpolated)
	 * @param maxMs the longest
	 */
	record Durations(long count, @Nullable Long p50Ms, @Nullable Long p95Ms, @Nullable Long maxMs) {
	}

}
