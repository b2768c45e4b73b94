package com.eventshop.order.ordering;

import java.sql.Timestamp;
import java.util.List;

import com.eventshop.events.Address;
import com.eventshop.events.Customer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Writes a new order, its lines and the first entry of its history with one statement, in
 * the caller's transaction. Placement is the service's busiest write: through the
 * persistence context it took three round trips (the history's identity key cannot be
 * batched) and a flush. Everything else (reads, cancellations, the saga) keeps using the
 * JPA mapping of the same tables, which reads what this writes.
 */
@Component
class NewOrders {

	private final JdbcClient jdbc;

	NewOrders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts an order that {@link Order#place} made, at version 0 as JPA would. */
	void insert(Order order) {
		Customer customer = order.customer();
		Address address = order.shippingAddress();
		List<OrderLine> lines = order.getLines();
		StatusChange placed = order.getHistory().getFirst();
		this.jdbc.sql("""
				with placed as (
				    insert into customer_order (id, customer_id, customer_name, customer_email, ship_line1, ship_line2,
				                                ship_city, ship_postal_code, ship_country, status, total, currency,
				                                placed_at, version)
				    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
				    returning id),
				lines as (
				    insert into order_line (order_id, line_no, sku, product_name, quantity, unit_price)
				    select placed.id, line.number - 1, line.sku, line.product_name, line.quantity, line.unit_price
				    from placed, unnest(?, ?, ?, ?) with ordinality
				         as line (sku, product_name, quantity, unit_price, number))
				insert into order_status_change (order_id, status, note, reason, changed_at)
				select placed.id, ?, ?, ?, ? from placed""")
			.params(order.getId(), customer.id(), customer.name(), customer.email(), address.line1(), address.line2(),
					address.city(), address.postalCode(), address.country(), order.getStatus().name(), order.getTotal(),
					order.getCurrency(), Timestamp.from(order.getPlacedAt()),
					new SqlArrayValue("text", lines.stream().map(OrderLine::getSku).toArray()),
					new SqlArrayValue("text", lines.stream().map(OrderLine::getProductName).toArray()),
					new SqlArrayValue("int4", lines.stream().map(OrderLine::getQuantity).toArray()),
					new SqlArrayValue("numeric", lines.stream().map(OrderLine::getUnitPrice).toArray()),
					placed.getStatus().name(), (placed.getNote() != null) ? placed.getNote().name() : null,
					placed.getReason(), Timestamp.from(placed.getChangedAt()))
			.update();
	}

}
