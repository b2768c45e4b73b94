package com.eventshop.analytics.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money in responses: decimal strings with two decimals, so that no client reads an
 * amount through binary floating point.
 */
final class Money {

	private Money() {
	}

	/** The amount as text, e.g. {@code "1234568.89"}; it must already be whole cents. */
	static String text(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
	}

	/** The mean of an amount over a count, rounded half-even to cents. */
	static String average(BigDecimal amount, long count) {
		return text(amount.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN));
	}

}
