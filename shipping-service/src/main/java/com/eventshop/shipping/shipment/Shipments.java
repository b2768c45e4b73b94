package com.eventshop.shipping.shipment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.eventshop.events.Address;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.web.security.Caller;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Shipments in the {@code shipment} table.
 */
@Service
class Shipments {

	private final JdbcClient jdbc;

	private final Clock clock;

	Shipments(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A new order: a shipment waits for its stock. Runs in the consumer's transaction;
	 * the conflict clause is a second guard behind the inbox, should the same order be
	 * announced twice under different event ids.
	 */
	void on(OrderPlaced event) {
		Address address = event.shippingAddress();
		int units = event.lines().stream().mapToInt(OrderPlaced.Line::quantity).sum();
		Timestamp now = Timestamp.from(Instant.now(this.clock));
		this.jdbc.sql("""
				insert into shipment (order_id, status, customer_id, recipient_name, ship_line1, ship_line2,
				                      ship_city, ship_postal_code, ship_country, units, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (order_id) do nothing""")
			.params(event.orderId(), ShipmentState.AWAITING_STOCK.name(), event.customer().id(),
					event.customer().name(), address.line1(), address.line2(), address.city(), address.postalCode(),
					address.country(), units, now, now)
			.update();
	}

	/**
	 * The order's shipment, if the caller may see it: the order's customer (as its
	 * {@code OrderPlaced} named them) or an operator.
	 */
	Optional<Shipment> find(UUID orderId, Caller caller) {
		return this.jdbc.sql("""
				select order_id, status, recipient_name, ship_line1, ship_line2, ship_city, ship_postal_code,
				       ship_country, units, tracking_number, carrier, dispatched_at, cancellation_requested_at,
				       cancellation_outcome, created_at, updated_at
				from shipment where order_id = ? and (? or customer_id = ?)""")
			.params(orderId, caller.operator(), caller.id())
			.query((rs, row) -> new Shipment(rs.getObject("order_id", UUID.class), rs.getString("status"),
					rs.getString("recipient_name"),
					new Shipment.Address(rs.getString("ship_line1"), rs.getString("ship_line2"),
							rs.getString("ship_city"), rs.getString("ship_postal_code"), rs.getString("ship_country")),
					rs.getInt("units"), rs.getString("tracking_number"), rs.getString("carrier"),
					instant(rs.getTimestamp("dispatched_at")), instant(rs.getTimestamp("cancellation_requested_at")),
					rs.getString("cancellation_outcome"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("updated_at").toInstant()))
			.optional();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
