package com.eventshop.order.ordering;

import java.util.List;
import java.util.UUID;

import com.eventshop.events.Customer;
import org.jspecify.annotations.Nullable;

/**
 * Valid order requests for tests.
 */
final class Orders {

	private Orders() {
	}

	/** Places a valid order of the customer, as if they had sent it. */
	static OrderManagement.Placement place(OrderManagement orders, String customerId, @Nullable String idempotencyKey,
			String... skus) {
		return orders.place(request(skus), new Customer(customerId, "Ada Lovelace", "ada@example.com"), idempotencyKey);
	}

	static PlaceOrderRequest request(String... skus) {
		List<PlaceOrderRequest.Line> lines = (skus.length == 0) ? List.of(new PlaceOrderRequest.Line("MUG-001", 2))
				: java.util.Arrays.stream(skus).map((sku) -> new PlaceOrderRequest.Line(sku, 1)).toList();
		return new PlaceOrderRequest(lines,
				new PlaceOrderRequest.Address("12 St James's Square", null, "London", "SW1Y 4JH", "GB"));
	}

	static String newCustomer() {
		return "cust-" + UUID.randomUUID();
	}

}
