package com.eventshop.order.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code eventshop.orders}.
 *
 * @param idempotencyKeyTtl how long an {@code Idempotency-Key} is remembered
 * @param publishOrderPlacedV2 whether a placed order is also published as
 * {@code shop.order.placed.v2}, beside v1, while consumers move to the new version
 */
@ConfigurationProperties("eventshop.orders")
public record OrderProperties(@DefaultValue("24h") Duration idempotencyKeyTtl,
		@DefaultValue("false") boolean publishOrderPlacedV2) {
}
