package com.eventshop.analytics.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.eventshop.events.order.OrderPlaced;
import com.eventshop.messaging.consumer.PoisonEventException;
import com.eventshop.messaging.consumer.PoisonEventException.Reason;

/**
 * The facts of one placed order, checked to fit the {@code order_fact} tables exactly. An
 * event whose amounts would have to be rounded to fit, whose total is not the sum of its
 * lines, or that names a SKU twice is poison: storing it anyway would make every
 * aggregate over it silently wrong, so it goes to the dead-letter topic where an operator
 * sees it.
 *
 * @param orderId the order
 * @param customerId who ordered
 * @param placedAt when the order was placed (event time)
 * @param total the order total, scale 2
 * @param currency ISO 4217 code
 * @param units items ordered
 * @param lines one per SKU
 */
record OrderFact(UUID orderId, String customerId, Instant placedAt, BigDecimal total, String currency, int units,
		List<Line> lines) {

	/** Digits before the decimal point of {@code numeric(14, 2)}. */
	private static final int TOTAL_INTEGER_DIGITS = 12;

	/** Digits before the decimal point of {@code numeric(12, 2)}. */
	private static final int PRICE_INTEGER_DIGITS = 10;

	static OrderFact of(OrderPlaced event) {
		String order = "order " + event.orderId();
		Set<String> skus = new HashSet<>();
		BigDecimal sum = BigDecimal.ZERO;
		int units = 0;
		List<Line> lines = new ArrayList<>();
		for (OrderPlaced.Line line : event.lines()) {
			if (!skus.add(line.sku())) {
				throw invalid(order + " names SKU " + line.sku() + " on more than one line");
			}
			BigDecimal unitPrice = cents(line.unitPrice(), PRICE_INTEGER_DIGITS,
					order + " unit price of " + line.sku());
			BigDecimal lineTotal = cents(line.lineTotal(), TOTAL_INTEGER_DIGITS,
					order + " line total of " + line.sku());
			lines.add(new Line(line.sku(), line.quantity(), unitPrice, lineTotal));
			sum = sum.add(lineTotal);
			try {
				units = Math.addExact(units, line.quantity());
			}
			catch (ArithmeticException ex) {
				throw invalid(order + " has more units than fit an int");
			}
		}
		BigDecimal total = cents(event.total(), TOTAL_INTEGER_DIGITS, order + " total");
		if (total.compareTo(sum) != 0) {
			throw invalid(
					order + " has total " + total.toPlainString() + " but its lines sum to " + sum.toPlainString());
		}
		return new OrderFact(event.orderId(), event.customer().id(), event.placedAt(), total, event.currency(), units,
				List.copyOf(lines));
	}

	/** The amount at scale 2, or poison if that would round it or it is too large. */
	private static BigDecimal cents(BigDecimal amount, int integerDigits, String what) {
		BigDecimal cents;
		try {
			cents = amount.setScale(2, RoundingMode.UNNECESSARY);
		}
		catch (ArithmeticException ex) {
			throw invalid(what + " " + amount.toPlainString() + " has more than 2 decimals");
		}
		if (cents.signum() < 0 || cents.precision() - cents.scale() > integerDigits) {
			throw invalid(what + " " + amount.toPlainString() + " is negative or too large");
		}
		return cents;
	}

	private static PoisonEventException invalid(String message) {
		return new PoisonEventException(Reason.INVALID, message);
	}

	/**
	 * One line of the order.
	 *
	 * @param sku the product
	 * @param quantity units of it
	 * @param unitPrice price of one, scale 2
	 * @param lineTotal quantity times unit price, scale 2
	 */
	record Line(String sku, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
	}

}
