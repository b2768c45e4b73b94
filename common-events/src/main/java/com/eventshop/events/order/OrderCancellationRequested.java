package com.eventshop.events.order;

import java.time.Instant;
import java.util.UUID;

import com.eventshop.events.Customer;
import com.eventshop.events.ShopEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The customer asked to cancel a confirmed order. Shipping answers:
 * {@code ShipmentCancelled} when it stopped the shipment (the order service then
 * announces {@code OrderCancelled}), or nothing new when the shipment was already
 * dispatched ({@code ShipmentDispatched} has said so, and the order ships).
 *
 * @param orderId the order
 * @param customer who ordered
 * @param requestedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderCancellationRequested(UUID orderId, Customer customer, Instant requestedAt) implements ShopEvent {

}
