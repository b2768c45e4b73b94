package com.eventshop.shipping.shipment;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A shipment as the API shows it.
 *
 * @param orderId the order it ships
 * @param status {@code AWAITING_STOCK}, {@code DISPATCHED} or {@code CANCELLED}
 * @param recipient who receives it
 * @param address where it goes
 * @param units how many items it holds
 * @param trackingNumber the carrier's number, once dispatched
 * @param createdAt when the shipment was created
 * @param updatedAt when it last changed
 */
record Shipment(UUID orderId, String status, String recipient, Address address, int units,
		@Nullable String trackingNumber, Instant createdAt, Instant updatedAt) {

	record Address(String line1, @Nullable String line2, String city, String postalCode, String country) {
	}

}
