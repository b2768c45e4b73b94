package com.eventshop.email.notification;

import java.util.ArrayList;
import java.util.List;

import com.eventshop.events.Address;
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

	static OrderReceivedEmail of(OrderPlaced order) {
		String currency = order.currency();
		List<Line> lines = order.lines()
			.stream()
			.map((line) -> new Line(line.productName(), line.sku(), line.quantity(),
					Money.format(line.unitPrice(), currency), Money.format(line.lineTotal(), currency)))
			.toList();
		return new OrderReceivedEmail(order.orderId().toString(), order.customer().name(), lines,
				Money.format(order.total(), currency), addressLines(order.shippingAddress()));
	}

	private static List<String> addressLines(Address address) {
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
