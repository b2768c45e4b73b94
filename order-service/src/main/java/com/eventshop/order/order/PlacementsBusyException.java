package com.eventshop.order.order;

import java.time.Duration;

/**
 * Thrown when an order could not start being placed within the configured wait: the
 * service is saturated and the client should retry later.
 */
public class PlacementsBusyException extends RuntimeException {

	PlacementsBusyException(Duration waited) {
		super("Too many orders are being placed right now; none finished within " + waited.toMillis()
				+ " ms. Please retry.");
	}

}
