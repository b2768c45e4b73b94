package com.eventshop.analytics.facts;

import java.util.UUID;

import com.eventshop.testsupport.ConsumerContractTests;

/**
 * The analytics consumer against a real broker and database: every guarantee of
 * {@link ConsumerContractTests}, with the order's fact and lines as the effect of an
 * order.
 */
class AnalyticsConsumerTests extends ConsumerContractTests {

	@Override
	protected String group() {
		return "analytics";
	}

	@Override
	protected String effect(UUID orderId) {
		return String.join(";", this.jdbc.sql("""
				select f.total || ',' || f.currency || ',' || f.units || ','
				       || to_char(f.placed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || ','
				       || (select string_agg(l.sku || 'x' || l.quantity || '@' || l.unit_price, ' ' order by l.sku)
				           from order_fact_line l where l.order_id = f.order_id)
				from order_fact f where f.order_id = ?""").param(orderId).query(String.class).list());
	}

}
