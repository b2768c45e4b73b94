package com.eventshop.loadtests.load;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bodies of {@code POST /api/orders} like a shop's: one to three distinct products of the
 * demo catalog, one or two of each (the customer is the token's, see {@link Customers}).
 */
public final class Orders {

	/**
	 * The demo catalog's SKUs; the limited-edition lamp is left out so that, with enough
	 * stock, every order is confirmed.
	 */
	public static final List<String> SKUS = List.of("MUG-001", "TEE-002", "CAP-003", "BAG-004", "BTL-005", "NTB-006",
			"PEN-007", "SCK-008", "HDY-010");

	private Orders() {
	}

	public static String next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int lines = 1 + random.nextInt(3);
		int first = random.nextInt(SKUS.size());
		StringBuilder body = new StringBuilder(400);
		// no customer: that is whoever's token the request carries
		body.append("{\"lines\":[");
		for (int i = 0; i < lines; i++) {
			if (i > 0) {
				body.append(',');
			}
			// consecutive SKUs from a random start never repeat one within an order
			body.append("{\"sku\":\"")
				.append(SKUS.get((first + i) % SKUS.size()))
				.append("\",\"quantity\":")
				.append(1 + random.nextInt(2))
				.append('}');
		}
		body.append("],\"shippingAddress\":{\"line1\":\"")
			.append(1 + random.nextInt(200))
			.append(" Benchmark Street\",\"city\":\"London\",\"postalCode\":\"SW1Y 4JH\",\"country\":\"GB\"}}");
		return body.toString();
	}

}
