package com.eventshop.email.notification;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Money as e-mails show it: two decimals and the currency, e.g. {@code 49.00 EUR}.
 */
final class Money {

	private Money() {
	}

	static String format(BigDecimal amount, String currency) {
		return String.format(Locale.ROOT, "%s %s", amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
				currency);
	}

}
