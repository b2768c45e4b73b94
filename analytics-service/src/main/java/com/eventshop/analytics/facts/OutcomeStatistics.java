package com.eventshop.analytics.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static com.eventshop.analytics.facts.OrderFacts.utc;

/**
 * What became of the orders placed in a window: how many are in which state, the
 * rejection rate and how long confirming and shipping took. Orders are those with a fact
 * placed in the window; an outcome whose order has no fact yet counts nowhere. The
 * definitions are those of the module's README.
 */
@Component
class OutcomeStatistics {

	/** Decimals of the rejection rate. */
	private static final int RATE_SCALE = 4;

	private final JdbcClient jdbc;

	OutcomeStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Each order counted once, in its latest state: cancelled over shipped over rejected
	 * over confirmed over pending (no outcome yet). Decided are the orders that were
	 * confirmed or rejected; shipping implies confirmation.
	 */
	Decisions decisions(Window window) {
		return this.jdbc.sql("""
				select count(*) filter (where o.cancelled_at is not null) as cancelled,
				       count(*) filter (where o.cancelled_at is null and o.shipped_at is not null) as shipped,
				       count(*) filter (where o.cancelled_at is null and o.shipped_at is null
				                        and o.rejected_at is not null) as rejected,
				       count(*) filter (where o.cancelled_at is null and o.shipped_at is null
				                        and o.rejected_at is null and o.confirmed_at is not null) as confirmed,
				       count(*) filter (where o.cancelled_at is null and o.shipped_at is null
				                        and o.rejected_at is null and o.confirmed_at is null) as pending,
				       count(*) filter (where o.rejected_at is not null) as ever_rejected,
				       count(*) filter (where o.confirmed_at is not null or o.rejected_at is not null
				                        or o.shipped_at is not null) as decided
				from order_fact f left join order_outcome o on o.order_id = f.order_id
				where f.placed_at >= ? and f.placed_at < ?""")
			.params(utc(window.from()), utc(window.to()))
			.query(OutcomeStatistics::decisions)
			.single();
	}

	/**
	 * How long orders placed in the window took from being placed to an outcome, over
	 * those that reached it (whatever happened to them later).
	 */
	Summary.Durations timeTo(Outcome outcome, Window window) {
		// The column comes from the enum, never from input. Percentiles of intervals are
		// kept to the microsecond, unlike those of epoch seconds in double precision.
		return this.jdbc
			.sql("""
					select count(*) as count,
					       extract(epoch from percentile_cont(0.5) within group (order by took)) * 1000 as p50,
					       extract(epoch from percentile_cont(0.95) within group (order by took)) * 1000 as p95,
					       extract(epoch from max(took)) * 1000 as max
					from (select o.%1$s - f.placed_at as took
					      from order_fact f join order_outcome o on o.order_id = f.order_id
					      where f.placed_at >= ? and f.placed_at < ? and o.%1$s is not null) durations"""
				.formatted(outcome.column()))
			.params(utc(window.from()), utc(window.to()))
			.query((rs, row) -> new Summary.Durations(rs.getLong("count"), millis(rs, "p50"), millis(rs, "p95"),
					millis(rs, "max")))
			.single();
	}

	private static Decisions decisions(ResultSet rs, int row) throws SQLException {
		Summary.Outcomes outcomes = new Summary.Outcomes(rs.getLong("pending"), rs.getLong("confirmed"),
				rs.getLong("rejected"), rs.getLong("shipped"), rs.getLong("cancelled"));
		return new Decisions(outcomes, rate(rs.getLong("ever_rejected"), rs.getLong("decided")));
	}

	/** The share as a decimal string, {@code "0.0000"} when nothing was decided. */
	private static String rate(long part, long whole) {
		if (whole == 0) {
			return BigDecimal.ZERO.setScale(RATE_SCALE).toPlainString();
		}
		return BigDecimal.valueOf(part)
			.divide(BigDecimal.valueOf(whole), RATE_SCALE, RoundingMode.HALF_EVEN)
			.toPlainString();
	}

	/** Milliseconds rounded half-even to whole ones; null when there were no orders. */
	private static @Nullable Long millis(ResultSet rs, String column) throws SQLException {
		BigDecimal millis = rs.getBigDecimal(column);
		return (millis != null) ? millis.setScale(0, RoundingMode.HALF_EVEN).longValueExact() : null;
	}

	/**
	 * The states of the orders of a window, and the share of decided ones that were
	 * rejected.
	 *
	 * @param outcomes orders per latest state
	 * @param rejectionRate rejected over decided, four decimals rounded half-even
	 */
	record Decisions(Summary.Outcomes outcomes, String rejectionRate) {
	}

}
