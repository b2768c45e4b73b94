package com.eventshop.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.eventshop.events.Customer;
import com.eventshop.events.ShopEvent;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Every line of an order is reserved: it will be shipped.
 *
 * @param orderId the order
 * @param customer who ordered
 * @param total what the order costs
 * @param currency ISO 4217 code
 * @param confirmedAt when the order service confirmed it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderConfirmed(UUID orderId, Customer customer,
		@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total, String currency,
		Instant confirmedAt) implements ShopEvent {

}
