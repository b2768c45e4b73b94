package com.eventshop.order.ordering;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import com.eventshop.events.inventory.InventoryRejected;
import com.eventshop.events.inventory.InventoryReleased;
import com.eventshop.events.inventory.InventoryReserved;
import com.eventshop.events.shipping.ShipmentCancelled;
import com.eventshop.events.shipping.ShipmentDispatched;
import com.eventshop.messaging.consumer.EventContext;
import com.eventshop.messaging.consumer.UnexpectedEvents;
import com.eventshop.messaging.outbox.Outbox;
import com.eventshop.order.ordering.OrderStateMachine.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies what inventory and shipping report to the order they report on, following
 * {@link OrderStateMachine}. Each call runs in the consumer's transaction, which also
 * records the event in the inbox: the change, the events it emits and the inbox row
 * commit together, once.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class OrderSaga {

	private static final Logger logger = LoggerFactory.getLogger(OrderSaga.class);

	private final OrderRepository orders;

	private final Outbox outbox;

	private final UnexpectedEvents unexpected;

	private final Clock clock;

	OrderSaga(OrderRepository orders, Outbox outbox, UnexpectedEvents unexpected, Clock clock) {
		this.orders = orders;
		this.outbox = outbox;
		this.unexpected = unexpected;
		this.clock = clock;
	}

	void on(InventoryReserved event, EventContext context) {
		apply(event.orderId(), context, (order, now) -> OrderStateMachine.on(order, event, now));
	}

	void on(InventoryRejected event, EventContext context) {
		apply(event.orderId(), context, (order, now) -> OrderStateMachine.on(order, event, now));
	}

	void on(InventoryReleased event, EventContext context) {
		apply(event.orderId(), context, (order, now) -> OrderStateMachine.on(order, event, now));
	}

	void on(ShipmentDispatched event, EventContext context) {
		apply(event.orderId(), context, (order, now) -> OrderStateMachine.on(order, event, now));
	}

	void on(ShipmentCancelled event, EventContext context) {
		apply(event.orderId(), context, (order, now) -> OrderStateMachine.on(order, event, now));
	}

	private void apply(UUID orderId, EventContext context, BiFunction<Order, Instant, Outcome> transition) {
		// Locked before anything is appended to the outbox, so one order's events are
		// published in the order they were decided (ADR 0001).
		Optional<Order> found = this.orders.findAndLock(orderId);
		if (found.isEmpty()) {
			// This service stores every order before announcing it, so nobody can know
			// an id it does not have: the event is not about one of our orders.
			this.unexpected.record(context, orderId.toString(), "UNKNOWN", "no such order");
			return;
		}
		Order order = found.get();
		OrderStatus status = order.getStatus();
		switch (transition.apply(order, Instant.now(this.clock).truncatedTo(ChronoUnit.MICROS))) {
			case Outcome.Emit(var event) -> this.outbox.append(event, context.eventId());
			case Outcome.Noted(var note) ->
				logger.info("Order {} stays {}: {} (event {})", orderId, status, note, context.eventId());
			case Outcome.NoOp(var why) ->
				logger.debug("Order {} ignores {} in {}: {}", orderId, context.type(), status, why);
			case Outcome.Unexpected(var why) -> this.unexpected.record(context, orderId.toString(), status.name(), why);
		}
	}

}
