package com.eventshop.order.ordering;

/**
 * An {@code Idempotency-Key} came back with a different request than the one that first
 * used it.
 */
public class IdempotencyKeyReusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	IdempotencyKeyReusedException(String key) {
		super("Idempotency-Key '" + key + "' was already used with a different request");
	}

}
