package com.eventshop.events.order;

import java.time.Instant;
import java.util.UUID;

import com.eventshop.events.Customer;
import com.eventshop.events.ShopEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An order left the warehouse.
 *
 * @param orderId the order
 * @param customer who ordered
 * @param trackingNumber the carrier's tracking number
 * @param shippedAt when the shipment was dispatched
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderShipped(UUID orderId, Customer customer, String trackingNumber,
		Instant shippedAt) implements ShopEvent {

}
