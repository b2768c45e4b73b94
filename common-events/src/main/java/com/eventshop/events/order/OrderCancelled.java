package com.eventshop.events.order;

import java.time.Instant;
import java.util.UUID;

import com.eventshop.events.Customer;
import com.eventshop.events.ShopEvent;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The customer cancelled an order before it shipped.
 *
 * @param orderId the order
 * @param customer who ordered
 * @param previousStatus {@code PENDING} or {@code CONFIRMED}: what was undone
 * @param cancelledAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderCancelled(UUID orderId, Customer customer, String previousStatus,
		Instant cancelledAt) implements ShopEvent {

}
