package com.eventshop.order.ordering;

import java.time.Duration;

import com.eventshop.messaging.housekeeping.Retention;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Expired {@code Idempotency-Key} claims go with the messaging housekeeping, the one
 * purge mechanism of every service: a claim is deleted as soon as its expiry time has
 * passed (its time to live is {@code eventshop.orders.idempotency-key-ttl}).
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyKeyRetention {

	@Bean
	Retention expiredIdempotencyKeys() {
		return new Retention("idempotency_key", "idempotency_key", "expires_at", Duration.ZERO);
	}

}
