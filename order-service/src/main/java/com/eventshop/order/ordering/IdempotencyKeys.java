package com.eventshop.order.ordering;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Durable {@code Idempotency-Key}s of order placement.
 * <p>
 * A key is claimed with one {@code INSERT ... ON CONFLICT} in the transaction that
 * creates the order. PostgreSQL makes a second request with the same key wait until the
 * first commits or rolls back, so two concurrent requests can never both create an order:
 * the loser then sees the winner's claim and answers with the winner's order. A key is
 * the customer's own: two customers who pick the same key get an order each. Expired
 * claims are deleted by the messaging housekeeping (see {@link IdempotencyKeyRetention}).
 */
@Component
class IdempotencyKeys {

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims a key for a new order, or returns the claim that already holds it. An
	 * expired claim is taken over.
	 * @return empty when this call claimed the key; otherwise the existing claim
	 */
	Optional<Claim> claim(String customerId, String key, String requestHash, UUID orderId, Instant now,
			Instant expiresAt) {
		Optional<UUID> claimed = this.jdbc.sql("""
				insert into idempotency_key (customer_id, idempotency_key, request_hash, order_id, created_at,
				                             expires_at)
				values (?, ?, ?, ?, ?, ?)
				on conflict (customer_id, idempotency_key) do update
				   set request_hash = excluded.request_hash, order_id = excluded.order_id,
				       created_at = excluded.created_at, expires_at = excluded.expires_at
				 where idempotency_key.expires_at <= excluded.created_at
				returning order_id""")
			.params(customerId, key, requestHash, orderId, Timestamp.from(now), Timestamp.from(expiresAt))
			.query(UUID.class)
			.optional();
		if (claimed.isPresent()) {
			return Optional.empty();
		}
		return Optional.of(this.jdbc
			.sql("select request_hash, order_id from idempotency_key where customer_id = ? and idempotency_key = ?")
			.params(customerId, key)
			.query(Claim.class)
			.single());
	}

	/**
	 * A key's claim.
	 *
	 * @param requestHash hash of the request that claimed it
	 * @param orderId the order it created
	 */
	record Claim(String requestHash, UUID orderId) {
	}

}
