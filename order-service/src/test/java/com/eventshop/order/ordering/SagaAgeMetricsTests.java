package com.eventshop.order.ordering;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.eventshop.order.OrderServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga-age gauges read what the orders table says: an order left in an unfinished
 * status for a day counts as stuck and is the oldest, and stops counting once it has
 * finished. The gauges are read in the background, so the test waits for them.
 */
@OrderServiceTest
class SagaAgeMetricsTests {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private static final double DAY = Duration.ofDays(1).toSeconds();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Test
	void anOrderStuckForADayIsCountedAndAgedUntilItFinishes() {
		// No other test leaves an order a day old: this one is the oldest.
		UUID order = UUID.randomUUID();
		this.jdbc.sql("""
				insert into customer_order (id, customer_id, customer_name, customer_email, ship_line1, ship_city,
				                            ship_postal_code, ship_country, status, total, currency, placed_at, version)
				values (?, ?, 'Ada Lovelace', 'ada@example.com', 'Hauptstrasse 1', 'Berlin', '10115', 'DE',
				        'CANCELLATION_REQUESTED', 10.00, 'EUR', ?, 0)""")
			.params(order, OrderApi.newCustomerId(), Timestamp.from(Instant.now().minus(Duration.ofDays(1))))
			.update();
		try {
			await().atMost(PATIENCE).untilAsserted(() -> {
				assertThat(gauge("eventshop.saga.stuck")).isGreaterThanOrEqualTo(1);
				assertThat(gauge("eventshop.saga.oldest.age")).isBetween(DAY, DAY + PATIENCE.toSeconds() + 60);
			});

			this.jdbc.sql("update customer_order set status = 'CANCELLED' where id = ?").param(order).update();

			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(gauge("eventshop.saga.oldest.age")).isLessThan(DAY));
		}
		finally {
			this.jdbc.sql("delete from customer_order where id = ?").param(order).update();
		}
	}

	private double gauge(String name) {
		return this.meters.get(name).tag("status", "CANCELLATION_REQUESTED").gauge().value();
	}

}
