package com.eventshop.email.notification;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.eventshop.events.order.OrderPlaced;

/**
 * What the {@code order-received} templates show: the order's lines, total and shipping
 * address, with money already formatted (two decimals and the currency), since a template
 * should not do arithmetic.
 *
 * @param orderId the order
 * @param customerName whom the e-mail greets
 * @param lines what was ordered
 * @param total the order total
 * @param addressLines the shipping address, one line each
 */
record OrderReceivedEmail(String orderId, String customerName, List<Line> lines, String total,
		List<String> addressLines) {

	static final String TEMPLATE = "order-received";

	static OrderReceivedEmail of(OrderPlaced order) {
		String currency = order.currency();
		List<Line> lines = order.lines()
			.stream()
			.map((line) -> new Line(line.productName(), line.sku(), line.quantity(), money(line.unitPrice(), currency),
					money(line.lineTotal(), currency)))
			.toList();
		return new OrderReceivedEmail(order.orderId().toString(), order.customer().name(), lines,
				money(order.total(), currency), addressLines(order.shippingAddress()));
	}

	private static String money(BigDecimal amount, String currency) {
		return String.format(Locale.ROOT, "%s %s", amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
				currency);
	}

	private static List<String> addressLines(OrderPlaced.Address address) {
		List<String> lines = new ArrayList<>();
		lines.add(address.line1());
		if (address.line2() != null && !address.line2().isBlank()) {
			lines.add(address.line2());
		}
		lines.add(address.postalCode() + " " + address.city());
		lines.add(address.country());
		return lines;
	}

	/**
	 * One order line.
	 *
	 * @param productName the product's name when it was ordered
	 * @param sku its stock keeping unit
	 * @param quantity units ordered
	 * @param unitPrice the price of one unit
	 * @param lineTotal quantity times unit price
	 */
	record Line(String productName, String sku, int quantity, String unitPrice, String lineTotal) {
	}

}
