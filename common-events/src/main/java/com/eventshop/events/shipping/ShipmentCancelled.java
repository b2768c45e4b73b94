package com.eventshop.events.shipping;

import java.time.Instant;
import java.util.UUID;

import com.eventshop.events.ShopEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Shipping granted a requested cancellation: the shipment of the order was stopped before
 * it left the warehouse and will never be dispatched.
 *
 * @param orderId the order
 * @param cancelledAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShipmentCancelled(UUID orderId, Instant cancelledAt) implements ShopEvent {

}
