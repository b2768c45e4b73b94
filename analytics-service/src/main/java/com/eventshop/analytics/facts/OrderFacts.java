package com.eventshop.analytics.facts;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.eventshop.events.order.OrderPlaced;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Records order facts in {@code order_fact} and {@code order_fact_line}.
 */
@Service
class OrderFacts {

	private final JdbcClient jdbc;

	private final Clock clock;

	OrderFacts(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A placed order: its facts and lines. Runs in the consumer's transaction, behind the
	 * inbox; the conflict clause is a second guard should the same order be announced
	 * twice under different event ids. Then the first facts stand and no line is added.
	 */
	void on(OrderPlaced event) {
		OrderFact fact = OrderFact.of(event);
		int recorded = this.jdbc.sql("""
				insert into order_fact (order_id, customer_id, placed_at, total, currency, units, recorded_at)
				values (?, ?, ?, ?, ?, ?, ?)
				on conflict (order_id) do nothing""")
			.params(fact.orderId(), fact.customerId(), utc(fact.placedAt()), fact.total(), fact.currency(),
					fact.units(), utc(Instant.now(this.clock)))
			.update();
		if (recorded == 0) {
			return;
		}
		for (OrderFact.Line line : fact.lines()) {
			this.jdbc.sql("""
					insert into order_fact_line (order_id, sku, quantity, unit_price, line_total)
					values (?, ?, ?, ?, ?)""")
				.params(fact.orderId(), line.sku(), line.quantity(), line.unitPrice(), line.lineTotal())
				.update();
		}
	}

	/** An instant as PostgreSQL's JDBC driver binds it to {@code timestamptz} exactly. */
	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
