package com.eventshop.system.reliability;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One accepted order as every service and the mailbox see it: the raw facts the
 * invariants judge. A null means the service holds no row for the order.
 *
 * @param orderId the order
 * @param status order-service's status ({@code customer_order.status})
 * @param reservation inventory's decision ({@code reservation.status})
 * @param shipment shipping's state ({@code shipment.status})
 * @param outcomes what analytics recorded ({@code order_outcome}: CONFIRMED, REJECTED,
 * SHIPPED, CANCELLED for each column set), null without an order fact
 * @param mails e-mails of each kind (ORDER_RECEIVED, ...) that reached the mailbox
 * @param units units per SKU the order asked for
 */
record OrderTrail(UUID orderId, @Nullable String status, @Nullable String reservation, @Nullable String shipment,
		@Nullable Set<String> outcomes, Map<String, Integer> mails, Map<String, Integer> units) {

	/** Whether order-service has decided the order for good. */
	boolean isFinal() {
		return "SHIPPED".equals(this.status) || "REJECTED".equals(this.status) || "CANCELLED".equals(this.status);
	}

	int mails(String kind) {
		return this.mails.getOrDefault(kind, 0);
	}

}
