package com.eventshop.order.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code eventshop.orders}.
 *
 * @param maxBodySize largest request body the API reads; larger ones get 413
 * @param idempotencyKeyTtl how long an {@code Idempotency-Key} is remembered
 */
@ConfigurationProperties("eventshop.orders")
public record OrderProperties(@DefaultValue("64KB") DataSize maxBodySize,
		@DefaultValue("24h") Duration idempotencyKeyTtl) {
}
