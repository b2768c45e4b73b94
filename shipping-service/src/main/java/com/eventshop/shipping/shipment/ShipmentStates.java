package com.eventshop.shipping.shipment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;

import com.eventshop.events.order.OrderCancellationRequested;
import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderConfirmed;
import com.eventshop.events.order.OrderRejected;
import com.eventshop.events.shipping.ShipmentCancelled;
import com.eventshop.messaging.consumer.EventContext;
import com.eventshop.messaging.consumer.UnexpectedEvents;
import com.eventshop.messaging.observability.TraceContinuation;
import com.eventshop.messaging.outbox.Outbox;
import com.eventshop.shipping.shipment.ShipmentStateMachine.Outcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Applies the order's fate to its shipment as {@link ShipmentStateMachine} decides.
 * <p>
 * Runs in the consumer's transaction and reads the state with the shipment's row locked,
 * so a cancellation and the {@link ShipmentDispatcher} decide one after the other: a
 * cancellation either stops the shipment or finds it dispatched, never both.
 */
@Service
class ShipmentStates {

	private static final Logger logger = LoggerFactory.getLogger(ShipmentStates.class);

	private final JdbcClient jdbc;

	private final UnexpectedEvents unexpected;

	private final Outbox outbox;

	private final Clock clock;

	private final ShippingProperties properties;

	private final TraceContinuation traces;

	ShipmentStates(JdbcClient jdbc, UnexpectedEvents unexpected, Outbox outbox, Clock clock,
			ShippingProperties properties, TraceContinuation traces) {
		this.traces = traces;
		this.jdbc = jdbc;
		this.unexpected = unexpected;
		this.outbox = outbox;
		this.clock = clock;
		this.properties = properties;
	}

	void confirmed(OrderConfirmed event, EventContext context) {
		apply(event.orderId(), context, ShipmentStateMachine::confirmed, null);
	}

	void rejected(OrderRejected event, EventContext context) {
		apply(event.orderId(), context, ShipmentStateMachine::rejected, null);
	}

	void cancellationRequested(OrderCancellationRequested event, EventContext context) {
		apply(event.orderId(), context, ShipmentStateMachine::cancellationRequested, event.requestedAt());
	}

	void cancelled(OrderCancelled event, EventContext context) {
		apply(event.orderId(), context, ShipmentStateMachine::cancelled, event.cancelledAt());
	}

	/**
	 * Locks the shipment, asks the state machine and carries out its answer.
	 * @param cancellationRequestedAt when the customer cancelled, for a cancellation
	 */
	private void apply(UUID orderId, EventContext context, Function<ShipmentState, Outcome> transition,
			@Nullable Instant cancellationRequestedAt) {
		ShipmentState state = lock(orderId);
		// The database keeps microseconds: the event says exactly what the row says.
		Timestamp now = Timestamp.from(Instant.now(this.clock).truncatedTo(ChronoUnit.MICROS));
		switch (transition.apply(state)) {
			case Outcome.Ready() -> this.jdbc.sql("""
					update shipment set status = ?, dispatch_due_at = ?, confirmed_by_event = ?, updated_at = ?,
					                    dispatch_traceparent = ?
					where order_id = ?""")
				.params(ShipmentState.READY_TO_DISPATCH.name(),
						Timestamp.from(now.toInstant().plus(this.properties.warehouseDelay())), context.eventId(), now,
						this.traces.current(), orderId)
				.update();
			case Outcome.Stop(var why) when why == Outcome.Stop.Why.REJECTED ->
				this.jdbc.sql("update shipment set status = ?, updated_at = ? where order_id = ?")
					.params(ShipmentState.CANCELLED.name(), now, orderId)
					.update();
			case Outcome.Stop(var why) -> {
				this.jdbc
					.sql("""
							update shipment set status = ?, cancellation_requested_at = ?, cancellation_outcome = 'CANCELLED',
							                    updated_at = ?
							where order_id = ?""")
					.params(ShipmentState.CANCELLED.name(), requestedAt(cancellationRequestedAt), now, orderId)
					.update();
				if (why == Outcome.Stop.Why.CANCELLATION_GRANTED) {
					// Committed with the CANCELLED row: the dispatcher, which takes only
					// ready shipments under the same row lock, will never send it.
					this.outbox.append(new ShipmentCancelled(orderId, now.toInstant()), context.eventId());
				}
			}
			case Outcome.TooLate() -> {
				// Keep the first request only, so a second cancellation changes nothing.
				int recorded = this.jdbc.sql("""
						update shipment set cancellation_requested_at = ?, cancellation_outcome = 'TOO_LATE',
						                    updated_at = ?
						where order_id = ? and cancellation_outcome is null""")
					.params(requestedAt(cancellationRequestedAt), now, orderId)
					.update();
				if (recorded == 1) {
					logger.info("Order {} was cancelled after its shipment was dispatched", orderId);
				}
			}
			case Outcome.Dispatch() ->
				throw new IllegalStateException("Only the dispatcher dispatches, never an event of " + orderId);
			case Outcome.NoOp(var why) -> logger.debug("Shipment of order {} is {}; {} {} changes nothing: {}", orderId,
					state, context.type(), context.eventId(), why);
			case Outcome.Unexpected(var why) -> this.unexpected.record(context, orderId.toString(), state.name(), why);
		}
	}

	private static Timestamp requestedAt(@Nullable Instant cancellationRequestedAt) {
		if (cancellationRequestedAt == null) {
			throw new IllegalStateException("A cancellation without the time it was requested");
		}
		return Timestamp.from(cancellationRequestedAt);
	}

	/**
	 * The shipment's state, its row locked until the transaction ends.
	 * @return the state, {@link ShipmentState#NONE} when the order has no shipment
	 */
	private ShipmentState lock(UUID orderId) {
		return this.jdbc.sql("select status from shipment where order_id = ? for update")
			.param(orderId)
			.query(String.class)
			.optional()
			.map(ShipmentState::stored)
			.orElse(ShipmentState.NONE);
	}

}
