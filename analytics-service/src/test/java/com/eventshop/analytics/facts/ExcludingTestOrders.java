package com.eventshop.analytics.facts;

import java.time.Clock;

import com.eventshop.events.order.OrderPlaced;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A changed projection rule, as a fix of the reports might bring: orders of one SKU (say,
 * the shop's own test purchases) are not facts at all.
 */
final class ExcludingTestOrders extends OrderFacts {

	private final String sku;

	ExcludingTestOrders(JdbcClient jdbc, Clock clock, String sku) {
		super(jdbc, clock);
		this.sku = sku;
	}

	@Override
	void on(OrderPlaced event) {
		if (event.lines().stream().noneMatch((line) -> line.sku().equals(this.sku))) {
			super.on(event);
		}
	}

}
