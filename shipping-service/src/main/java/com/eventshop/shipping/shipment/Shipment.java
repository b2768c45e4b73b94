package com.eventshop.shipping.shipment;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A shipment as the API shows it.
 *
 * @param orderId the order it ships
 * @param status {@code AWAITING_STOCK}, {@code READY_TO_DISPATCH}, {@code DISPATCHED} or
 * {@code CANCELLED}
 * @param recipient who receives it
 * @param address where it goes
 * @param units how many items it holds
 * @param trackingNumber the carrier's number, once dispatched
 * @param carrier who carries it, once dispatched
 * @param dispatchedAt when it was handed to the carrier
 * @param cancellationRequestedAt when the customer cancelled the order, if they did
 * @param cancellationOutcome what the cancellation did: {@code CANCELLED} (the shipment
 * was stopped) or {@code TOO_LATE} (it had already been dispatched)
 * @param createdAt when the shipment was created
 * @param updatedAt when it last changed
 */
record Shipment(UUID orderId, String status, String recipient, Address address, int units,
		@Nullable String trackingNumber, @Nullable String carrier, @Nullable Instant dispatchedAt,
		@Nullable Instant cancellationRequestedAt, @Nullable String cancellationOutcome, Instant createdAt,
		Instant updatedAt) {

	record Address(String line1, @Nullable String line2, String city, String postalCode, String country) {
	}

}
