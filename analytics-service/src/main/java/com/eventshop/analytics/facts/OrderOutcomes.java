package com.eventshop.analytics.facts;

import java.time.Instant;
import java.util.UUID;

import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderConfirmed;
import com.eventshop.events.order.OrderRejected;
import com.eventshop.events.order.OrderShipped;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import static com.eventshop.analytics.facts.OrderFacts.utc;

/**
 * Records in {@code order_outcome} when each order was confirmed, rejected, shipped or
 * cancelled, by the time its event names. Runs in the consumer's transaction, behind the
 * inbox. An outcome is recorded whether or not the order's fact is there yet, so events
 * that overtake their {@code OrderPlaced} are not lost.
 */
@Service
class OrderOutcomes {

	private final JdbcClient jdbc;

	OrderOutcomes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void on(OrderConfirmed event) {
		record(event.orderId(), Outcome.CONFIRMED, event.confirmedAt());
	}

	void on(OrderRejected event) {
		record(event.orderId(), Outcome.REJECTED, event.rejectedAt());
	}

	void on(OrderShipped event) {
		record(event.orderId(), Outcome.SHIPPED, event.shippedAt());
	}

	void on(OrderCancelled event) {
		record(event.orderId(), Outcome.CANCELLED, event.cancelledAt());
	}

	/**
	 * Sets the outcome's time unless it is set already: the first event of a kind stands,
	 * should the same outcome be announced again under another event id.
	 */
	private void record(UUID orderId, Outcome outcome, Instant at) {
		// The column comes from the enum, never from input
		this.jdbc.sql("""
				insert into order_outcome (order_id, %1$s) values (?, ?)
				on conflict (order_id) do update set %1$s = excluded.%1$s
				where order_outcome.%1$s is null""".formatted(outcome.column())).params(orderId, utc(at)).update();
	}

}
