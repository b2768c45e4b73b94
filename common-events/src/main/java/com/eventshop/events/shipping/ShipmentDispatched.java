package com.eventshop.events.shipping;

import java.time.Instant;
import java.util.UUID;

import com.eventshop.events.ShopEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The shipment of an order was handed to the carrier.
 *
 * @param orderId the order
 * @param trackingNumber the carrier's tracking number
 * @param carrier who carries it
 * @param dispatchedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShipmentDispatched(UUID orderId, String trackingNumber, String carrier,
		Instant dispatchedAt) implements ShopEvent {

}
