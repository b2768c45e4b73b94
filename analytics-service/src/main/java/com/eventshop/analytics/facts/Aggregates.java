package com.eventshop.analytics.facts;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import static com.eventshop.analytics.facts.OrderFacts.utc;

/**
 * Aggregates computed from the order facts when asked for, in SQL {@code numeric}: sums
 * are exact, and a window selects orders by when they were placed. "Placed" figures count
 * every order; revenue and top SKUs count only what was sold ({@link #SOLD}).
 */
@Service
class Aggregates {

	/** How many SKUs a summary lists. */
	static final int TOP_SKUS = 5;

	/** The most buckets one time series may hold. */
	static final long MAX_BUCKETS = 10_000;

	/**
	 * An order that was sold, over {@code order_outcome o}: confirmed or shipped, and not
	 * cancelled. A rejected order never sold anything; a cancelled one gave it back.
	 */
	static final String SOLD = "o.cancelled_at is null and (o.confirmed_at is not null or o.shipped_at is not null)";

	private final JdbcClient jdbc;

	private final OutcomeStatistics outcomes;

	Aggregates(JdbcClient jdbc, OutcomeStatistics outcomes) {
		this.jdbc = jdbc;
		this.outcomes = outcomes;
	}

	// One snapshot, so that totals, top SKUs and outcomes describe the same orders
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	Summary summary(Window window) {
		List<Summary.CurrencyTotals> currencies = this.jdbc.sql("""
				select f.currency, count(*) as placed_orders, sum(f.total) as placed_value,
				       count(*) filter (where %1$s) as sold_orders,
				       coalesce(sum(f.total) filter (where %1$s), 0) as revenue
				from order_fact f left join order_outcome o on o.order_id = f.order_id
				where f.placed_at >= ? and f.placed_at < ?
				group by f.currency
				order by f.currency""".formatted(SOLD))
			.params(utc(window.from()), utc(window.to()))
			.query(Aggregates::currencyTotals)
			.list();
		List<Summary.TopSku> topSkus = this.jdbc.sql("""
				select l.sku, f.currency, sum(l.quantity) as units, sum(l.line_total) as revenue
				from order_fact f join order_fact_line l on l.order_id = f.order_id
				     join order_outcome o on o.order_id = f.order_id
				where f.placed_at >= ? and f.placed_at < ? and %s
				group by l.sku, f.currency
				order by units desc, l.sku collate "C", f.currency
				limit ?""".formatted(SOLD))
			.params(utc(window.from()), utc(window.to()), TOP_SKUS)
			.query((rs, row) -> new Summary.TopSku(rs.getString("sku"), rs.getString("currency"), rs.getLong("units"),
					Money.text(rs.getBigDecimal("revenue"))))
			.list();
		long placed = currencies.stream().mapToLong(Summary.CurrencyTotals::placedOrders).sum();
		OutcomeStatistics.Decisions decisions = this.outcomes.decisions(window);
		return new Summary(window.from(), window.to(), placed, currencies, topSkus, decisions.outcomes(),
				decisions.rejectionRate(), this.outcomes.timeTo(Outcome.CONFIRMED, window),
				this.outcomes.timeTo(Outcome.SHIPPED, window));
	}

	/**
	 * @throws TooManyBucketsException if the window spans more than {@link #MAX_BUCKETS}
	 * buckets
	 */
	Timeseries timeseries(Window window, Bucket bucket, @Nullable String currency) {
		long buckets = bucket.count(window);
		if (buckets > MAX_BUCKETS) {
			throw new TooManyBucketsException(bucket, buckets, MAX_BUCKETS);
		}
		String sql = """
				select date_trunc(?, f.placed_at, 'UTC') as start, f.currency, count(*) as placed_orders,
				       sum(f.total) as placed_value, count(*) filter (where %1$s) as sold_orders,
				       coalesce(sum(f.total) filter (where %1$s), 0) as revenue
				from order_fact f left join order_outcome o on o.order_id = f.order_id
				where f.placed_at >= ? and f.placed_at < ? %2$s
				group by 1, 2
				order by 1, 2""".formatted(SOLD, (currency != null) ? "and f.currency = ?" : "");
		List<Object> params = new ArrayList<>(List.of(bucket.text(), utc(window.from()), utc(window.to())));
		if (currency != null) {
			params.add(currency);
		}
		List<Timeseries.Point> points = this.jdbc.sql(sql).params(params).query(Aggregates::point).list();
		return new Timeseries(bucket.text(), window.from(), window.to(), currency, points);
	}

	private static Summary.CurrencyTotals currencyTotals(ResultSet rs, int row) throws SQLException {
		long sold = rs.getLong("sold_orders");
		BigDecimal revenue = rs.getBigDecimal("revenue");
		return new Summary.CurrencyTotals(rs.getString("currency"), rs.getLong("placed_orders"),
				Money.text(rs.getBigDecimal("placed_value")), sold, Money.text(revenue),
				(sold > 0) ? Money.average(revenue, sold) : null);
	}

	private static Timeseries.Point point(ResultSet rs, int row) throws SQLException {
		return new Timeseries.Point(rs.getObject("start", OffsetDateTime.class).toInstant(), rs.getString("currency"),
				rs.getLong("placed_orders"), Money.text(rs.getBigDecimal("placed_value")), rs.getLong("sold_orders"),
				Money.text(rs.getBigDecimal("revenue")));
	}

}
