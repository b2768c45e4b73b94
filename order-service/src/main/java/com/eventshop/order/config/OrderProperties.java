package com.eventshop.order.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code eventshop.orders}.
 *
 * @param idempotencyKeyTtl how long an {@code Idempotency-Key} is remembered
 * @param placements how many orders are placed at once
 */
@ConfigurationProperties("eventshop.orders")
public record OrderProperties(@DefaultValue("24h") Duration idempotencyKeyTtl, @DefaultValue Placements placements) {

	/**
	 * A bound on concurrent placements, below the database pool's size: each placement
	 * holds a connection for its whole transaction, and without a bound a burst of
	 * requests (each on its own virtual thread) queues in front of the pool, where the
	 * saga's listeners and the outbox relay then wait behind it.
	 *
	 * @param maxConcurrent placements that run at once; the rest wait their turn
	 * @param maxWait how long a request waits for its turn before it is answered 503
	 */
	public record Placements(@DefaultValue("12") int maxConcurrent, @DefaultValue("10s") Duration maxWait) {
	}

}
