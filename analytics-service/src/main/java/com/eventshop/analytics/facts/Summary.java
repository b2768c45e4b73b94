package com.eventshop.analytics.facts;

import java.time.Instant;
import java.util.List;

/**
 * Orders placed in a window. Money is never summed across currencies: each currency has
 * its own entry, and a SKU sold in two currencies appears once per currency.
 *
 * @param from first instant of the window
 * @param to first instant after it
 * @param orders orders placed in the window, all currencies
 * @param currencies totals per currency, by currency code
 * @param topSkus the most sold SKUs by units, ties broken by SKU
 */
record Summary(Instant from, Instant to, long orders, List<CurrencyTotals> currencies, List<TopSku> topSkus) {

	/**
	 * @param currency ISO 4217 code
	 * @param orders orders in this currency
	 * @param revenue sum of their totals
	 * @param averageOrderValue revenue per order, rounded half-even to cents
	 */
	record CurrencyTotals(String currency, long orders, String revenue, String averageOrderValue) {
	}

	/**
	 * @param sku the product
	 * @param currency the currency it was sold in
	 * @param units units sold
	 * @param revenue sum of its line totals
	 */
	record TopSku(String sku, String currency, long units, String revenue) {
	}

}
