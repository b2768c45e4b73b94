package com.eventshop.analytics.facts;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.eventshop.events.order.OrderPlaced;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
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
	 * A placed order: its facts and lines, in one statement (one round trip, whatever the
	 * number of lines). Runs in the consumer's transaction, behind the inbox; the
	 * conflict clause is a second guard should the same order be announced twice under
	 * different event ids. Then the first facts stand and no line is added: the lines are
	 * inserted only for a fact this statement inserted.
	 */
	void on(OrderPlaced event) {
		OrderFact fact = OrderFact.of(event);
		List<OrderFact.Line> lines = fact.lines();
		this.jdbc.sql("""
				with fact as (
				    insert into order_fact (order_id, customer_id, placed_at, total, currency, units, recorded_at)
				    values (?, ?, ?, ?, ?, ?, ?)
				    on conflict (order_id) do nothing
				    returning order_id)
				insert into order_fact_line (order_id, sku, quantity, unit_price, line_total)
				select fact.order_id, line.sku, line.quantity, line.unit_price, line.line_total
				from fact, unnest(?, ?, ?, ?) as line (sku, quantity, unit_price, line_total)""")
			.params(fact.orderId(), fact.customerId(), utc(fact.placedAt()), fact.total(), fact.currency(),
					fact.units(), utc(Instant.now(this.clock)),
					new SqlArrayValue("text", lines.stream().map(OrderFact.Line::sku).toArray()),
					new SqlArrayValue("int4", lines.stream().map(OrderFact.Line::quantity).toArray()),
					new SqlArrayValue("numeric", lines.stream().map(OrderFact.Line::unitPrice).toArray()),
					new SqlArrayValue("numeric", lines.stream().map(OrderFact.Line::lineTotal).toArray()))
			.update();
	}

	/** An instant as PostgreSQL's JDBC driver binds it to {@code timestamptz} exactly. */
	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
