package com.eventshop.inventory.stock;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;

import com.eventshop.events.EventTypes;
import com.eventshop.testsupport.EventPublisher;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the inventory tests share: SKUs of their own, stock rows, orders to publish and
 * the reservation an order ended with.
 */
final class Inventory {

	private Inventory() {
	}

	/** A SKU that no other test uses, so tests sharing a database never meet. */
	static String newSku() {
		return "T-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase(Locale.ROOT);
	}

	/** Creates a SKU with this many units available and none reserved. */
	static void stock(JdbcClient jdbc, String sku, int available) {
		jdbc.sql("insert into stock (sku, available) values (?, ?)").params(sku, available).update();
	}

	/** The stock of a SKU. */
	static Level level(JdbcClient jdbc, String sku) {
		return jdbc.sql("select available, reserved from stock where sku = ?")
			.param(sku)
			.query((rs, row) -> new Level(rs.getInt("available"), rs.getInt("reserved")))
			.single();
	}

	/** Units of a SKU that left the warehouse with shipped orders. */
	static int shipped(JdbcClient jdbc, String sku) {
		return jdbc.sql("select shipped from stock where sku = ?").param(sku).query(Integer.class).single();
	}

	/**
	 * The reservation of an order as text, e.g. {@code RESERVED:MUG-001x2,TEE-002x1};
	 * empty when the order has none.
	 */
	static String reservation(JdbcClient jdbc, UUID orderId) {
		return jdbc.sql("""
				select r.status || ':' || string_agg(l.sku || 'x' || l.quantity, ',' order by l.sku)
				from reservation r join reservation_line l on l.order_id = r.order_id
				where r.order_id = ? group by r.status""").param(orderId).query(String.class).optional().orElse("");
	}

	/** A valid {@code OrderPlaced} of these lines, at 10.00 a unit. */
	static ObjectNode orderPlaced(UUID orderId, Line... lines) {
		ObjectNode event = EventPublisher.golden(EventTypes.ORDER_PLACED_V1, orderId);
		ArrayNode array = event.putArray("lines");
		BigDecimal total = BigDecimal.ZERO;
		for (Line line : lines) {
			BigDecimal price = new BigDecimal("10.00");
			array.addObject()
				.put("sku", line.sku())
				.put("productName", "Product " + line.sku())
				.put("quantity", line.quantity())
				.put("unitPrice", price.toPlainString());
			total = total.add(price.multiply(BigDecimal.valueOf(line.quantity())));
		}
		event.put("total", total.toPlainString());
		return event;
	}

	static Line line(String sku, int quantity) {
		return new Line(sku, quantity);
	}

	record Line(String sku, int quantity) {
	}

	record Level(int available, int reserved) {
	}

}
