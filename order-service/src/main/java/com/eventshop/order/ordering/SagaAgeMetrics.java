package com.eventshop.order.ordering;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Tags;

import com.eventshop.messaging.observability.ObservabilityProperties;
import com.eventshop.messaging.observability.PeriodicGauges;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far behind the saga is: per status it has not finished, the orders that have been
 * in the saga longer than {@code eventshop.observability.stuck-after}
 * ({@code eventshop.saga.stuck}) and the age of the oldest
 * ({@code eventshop.saga.oldest.age}, seconds since it was placed). Computed in the
 * background (PeriodicGauges).
 */
@Component
class SagaAgeMetrics {

	private static final List<String> UNFINISHED = Arrays.stream(OrderStatus.values())
		.filter((status) -> !finished(status))
		.map(Enum::name)
		.toList();

	private final JdbcClient jdbc;

	private final ObservabilityProperties properties;

	SagaAgeMetrics(JdbcClient jdbc, PeriodicGauges gauges, ObservabilityProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
		gauges.gauges("eventshop.saga.stuck",
				"Orders in a status the saga has not finished, placed longer ago than " + properties.stuckAfter(),
				() -> read("stuck"));
		gauges.gauges("eventshop.saga.oldest.age",
				"Seconds since the oldest order in a status the saga has not finished was placed",
				() -> read("oldest"));
	}

	static boolean finished(OrderStatus status) {
		return switch (status) {
			case PENDING, CONFIRMED, CANCELLATION_REQUESTED -> false;
			case REJECTED, SHIPPED, CANCELLED -> true;
		};
	}

	private Map<Tags, Number> read(String column) {
		Map<Tags, Number> values = new LinkedHashMap<>();
		UNFINISHED.forEach((status) -> values.put(Tags.of("status", status), 0));
		Timestamp bound = Timestamp.from(Instant.now().minus(this.properties.stuckAfter()));
		this.jdbc.sql("""
				select status, count(*) filter (where placed_at < :bound) as stuck,
				       extract(epoch from clock_timestamp() - min(placed_at)) as oldest
				from customer_order where status in (:unfinished) group by status""")
			.param("bound", bound)
			.param("unfinished", UNFINISHED)
			.query((rs, row) -> values.put(Tags.of("status", rs.getString("status")), rs.getDouble(column)))
			.list();
		return values;
	}

}
