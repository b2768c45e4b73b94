package com.eventshop.order.ordering;

import java.util.List;
import java.util.UUID;

/**
 * Valid order requests for tests.
 */
final class Orders {

	private Orders() {
	}

	static PlaceOrderRequest request(String customerId, String... skus) {
		List<PlaceOrderRequest.Line> lines = (skus.length == 0) ? List.of(new PlaceOrderRequest.Line("MUG-001", 2))
				: java.util.Arrays.stream(skus).map((sku) -> new PlaceOrderRequest.Line(sku, 1)).toList();
		return new PlaceOrderRequest(new PlaceOrderRequest.Customer(customerId, "Ada Lovelace", "ada@example.com"),
				lines, new PlaceOrderRequest.Address("12 St James's Square", null, "London", "SW1Y 4JH", "GB"));
	}

	static String newCustomer() {
		return "cust-" + UUID.randomUUID();
	}

}
