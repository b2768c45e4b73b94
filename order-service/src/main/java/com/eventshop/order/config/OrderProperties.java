package com.eventshop.order.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code eventshop.orders}.
 *
 * @param idempotencyKeyTtl how long an {@code Idempotency-Key} is remembered
 */
@ConfigurationProperties("eventshop.orders")
public record OrderProperties(@DefaultValue("24h") Duration idempotencyKeyTtl) {
}
