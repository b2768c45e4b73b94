package com.eventshop.shipping.shipment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderConfirmed;
import com.eventshop.events.order.OrderRejected;
import com.eventshop.messaging.consumer.EventContext;
import com.eventshop.messaging.consumer.UnexpectedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the order's fate does to its shipment, for every state the shipment may be in:
 *
 * <pre>
 * state \ event      OrderConfirmed              OrderRejected  OrderCancelled
 * (no shipment)      unexpected                  unexpected     unexpected
 * AWAITING_STOCK     READY_TO_DISPATCH, due      CANCELLED      CANCELLED
 *                    after the warehouse delay
 * READY_TO_DISPATCH  no-op                       unexpected     CANCELLED
 * DISPATCHED         no-op                       unexpected     stays DISPATCHED, cancellation TOO_LATE
 * CANCELLED          unexpected                  no-op          no-op
 * </pre>
 *
 * Runs in the consumer's transaction and reads the state with the shipment's row locked,
 * so a cancellation and the {@link Dispatcher} decide one after the other: a cancellation
 * either stops the shipment or finds it dispatched, never both.
 */
@Service
class ShipmentStates {

	private static final Logger logger = LoggerFactory.getLogger(ShipmentStates.class);

	/**
	 * The state of an order without a shipment, as the unexpected-event record names it.
	 */
	private static final String NONE = "NONE";

	private final JdbcClient jdbc;

	private final UnexpectedEvents unexpected;

	private final Clock clock;

	private final ShippingProperties properties;

	ShipmentStates(JdbcClient jdbc, UnexpectedEvents unexpected, Clock clock, ShippingProperties properties) {
		this.jdbc = jdbc;
		this.unexpected = unexpected;
		this.clock = clock;
		this.properties = properties;
	}

	void confirmed(OrderConfirmed event, EventContext context) {
		UUID orderId = event.orderId();
		String status = lock(orderId);
		switch (status) {
			case "AWAITING_STOCK" -> {
				Instant now = Instant.now(this.clock);
				this.jdbc.sql("""
						update shipment set status = 'READY_TO_DISPATCH', dispatch_due_at = ?, confirmed_by_event = ?,
						                    updated_at = ?
						where order_id = ?""")
					.params(Timestamp.from(now.plus(this.properties.warehouseDelay())), context.eventId(),
							Timestamp.from(now), orderId)
					.update();
			}
			case "READY_TO_DISPATCH", "DISPATCHED" -> duplicate(orderId, status, context);
			default ->
				this.unexpected.record(context, orderId.toString(), status, "confirmed without a shipment to send");
		}
	}

	void rejected(OrderRejected event, EventContext context) {
		UUID orderId = event.orderId();
		String status = lock(orderId);
		switch (status) {
			case "AWAITING_STOCK" -> this.jdbc.sql("""
					update shipment set status = 'CANCELLED', updated_at = ? where order_id = ?""")
				.params(Timestamp.from(Instant.now(this.clock)), orderId)
				.update();
			case "CANCELLED" -> duplicate(orderId, status, context);
			default -> this.unexpected.record(context, orderId.toString(), status, "rejected after it was confirmed");
		}
	}

	void cancelled(OrderCancelled event, EventContext context) {
		UUID orderId = event.orderId();
		String status = lock(orderId);
		Timestamp requestedAt = Timestamp.from(event.cancelledAt());
		Timestamp now = Timestamp.from(Instant.now(this.clock));
		switch (status) {
			case "AWAITING_STOCK", "READY_TO_DISPATCH" -> this.jdbc.sql("""
					update shipment set status = 'CANCELLED', cancellation_requested_at = ?,
					                    cancellation_outcome = 'CANCELLED', updated_at = ?
					where order_id = ?""").params(requestedAt, now, orderId).update();
			case "DISPATCHED" -> {
				// The parcel is with the carrier: the cancellation lost the race. Keep
				// the
				// first request only, so a second cancellation changes nothing.
				int recorded = this.jdbc.sql("""
						update shipment set cancellation_requested_at = ?, cancellation_outcome = 'TOO_LATE',
						                    updated_at = ?
						where order_id = ? and cancellation_outcome is null""")
					.params(requestedAt, now, orderId)
					.update();
				if (recorded == 1) {
					logger.info("Order {} was cancelled after its shipment was dispatched", orderId);
				}
			}
			case "CANCELLED" -> duplicate(orderId, status, context);
			default -> this.unexpected.record(context, orderId.toString(), status, "cancelled without a shipment");
		}
	}

	/**
	 * The shipment's status, its row locked until the transaction ends.
	 * @return the status, or {@link #NONE} when the order has no shipment
	 */
	private String lock(UUID orderId) {
		return this.jdbc.sql("select status from shipment where order_id = ? for update")
			.param(orderId)
			.query(String.class)
			.optional()
			.orElse(NONE);
	}

	private static void duplicate(UUID orderId, String status, EventContext context) {
		logger.debug("Shipment of order {} is {}; {} {} changes nothing", orderId, status, context.type(),
				context.eventId());
	}

}
