package com.eventshop.shipping.shipment;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import com.eventshop.events.shipping.ShipmentDispatched;
import com.eventshop.messaging.observability.TraceContinuation;
import com.eventshop.messaging.outbox.Outbox;
import com.eventshop.messaging.support.BackgroundWorker;
import com.eventshop.shipping.shipment.ShipmentStateMachine.Outcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands shipments to the carrier once the warehouse delay has passed, one transaction per
 * shipment: it locks the ready shipment that has been due longest ({@code for update skip
 * locked}, so the dispatchers of several instances never take the same one), marks it
 * DISPATCHED with a new tracking number and appends {@code ShipmentDispatched} to the
 * outbox, all of which commit together or not at all.
 * <p>
 * A cancellation handled at the same moment locks the same row: whichever commits first
 * wins, and the other sees its outcome (the dispatcher no longer finds the shipment
 * READY_TO_DISPATCH; the cancellation finds it DISPATCHED and records that it came too
 * late).
 * <p>
 * Runs on one thread, which {@link #stop()} ends and {@link #start()} begins anew.
 */
@Component
class ShipmentDispatcher extends BackgroundWorker {

	private static final Logger logger = LoggerFactory.getLogger(ShipmentDispatcher.class);

	/**
	 * Longest pause while rounds fail (the database is down), so a recovery is noticed.
	 */
	private static final Duration MAX_ERROR_PAUSE = Duration.ofSeconds(30);

	/**
	 * Draws of a random serial before giving up; ten taken in a row means the range is
	 * nearly full.
	 */
	private static final int TRACKING_NUMBER_ATTEMPTS = 10;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final Clock clock;

	private final ShippingProperties properties;

	private final SecureRandom random = new SecureRandom();

	private final TraceContinuation traces;

	ShipmentDispatcher(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, Clock clock,
			ShippingProperties properties) {
		this(jdbc, transactions, outbox, clock, properties, TraceContinuation.untraced());
	}

	@Autowired
	ShipmentDispatcher(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, Clock clock,
			ShippingProperties properties, TraceContinuation traces) {
		// A round interrupted mid-transaction rolls back: nothing is half dispatched.
		super("shipment-dispatcher", pause(properties, 0), Stopping.byInterrupt(Duration.ofSeconds(30)));
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.outbox = outbox;
		this.clock = clock;
		this.properties = properties;
		this.traces = traces;
	}

	/**
	 * Dispatches the shipment that has been due longest, if any.
	 * @return whether one was dispatched, so that more may be due
	 */
	@Override
	protected boolean runRound() {
		return dispatchNextDue();
	}

	@Override
	protected Pause roundFailed(RuntimeException failure, int failures) {
		logger.warn("Shipment dispatcher failed ({}); trying again", failure.toString());
		return Pause.full(pause(this.properties, failures));
	}

	/**
	 * Dispatches the shipment that has been due longest, if any, in one transaction.
	 * @return whether one was dispatched (so there may be more)
	 */
	boolean dispatchNextDue() {
		Boolean dispatched = this.transactions.execute((status) -> {
			// The database keeps microseconds: the event says exactly what the row says.
			Instant now = Instant.now(this.clock).truncatedTo(ChronoUnit.MICROS);
			Optional<Due> due = this.jdbc.sql("""
					select order_id, status, confirmed_by_event, dispatch_traceparent from shipment
					where status = ? and dispatch_due_at <= ?
					order by dispatch_due_at limit 1 for update skip locked""")
				.params(ShipmentState.READY_TO_DISPATCH.name(), Timestamp.from(now))
				.query((rs, row) -> new Due(rs.getObject("order_id", UUID.class),
						ShipmentState.stored(rs.getString("status")), rs.getObject("confirmed_by_event", UUID.class),
						rs.getString("dispatch_traceparent")))
				.optional();
			if (due.isEmpty()) {
				return false;
			}
			UUID orderId = due.get().orderId();
			if (!(ShipmentStateMachine.dispatchDue(due.get().state()) instanceof Outcome.Dispatch)) {
				// The query picks ready shipments only, which the table dispatches.
				throw new IllegalStateException("Shipment of order " + orderId + " is not ready but was picked");
			}
			String carrier = this.properties.carrier();
			String trackingNumber = dispatch(orderId, carrier, now);
			// In the trace of the OrderConfirmed that made it ready.
			this.traces.resume(due.get().traceparent(), "shipment dispatch", () -> this.outbox
				.append(new ShipmentDispatched(orderId, trackingNumber, carrier, now), due.get().confirmedBy()));
			logger.debug("Dispatched the shipment of order {} as {}", orderId, trackingNumber);
			return true;
		});
		return Boolean.TRUE.equals(dispatched);
	}

	/**
	 * Marks the shipment DISPATCHED with a tracking number no shipment has: the check and
	 * the write are one statement, tried with a new number while the drawn one is taken.
	 * Two dispatchers that draw the same one at once are stopped by the unique index: one
	 * round fails and is tried again.
	 * @return the tracking number
	 */
	private String dispatch(UUID orderId, String carrier, Instant now) {
		for (int i = 0; i < TRACKING_NUMBER_ATTEMPTS; i++) {
			String candidate = TrackingNumbers.random(this.random);
			int updated = this.jdbc.sql("""
					update shipment set status = ?, tracking_number = ?, carrier = ?, dispatched_at = ?, updated_at = ?
					where order_id = ?
					  and not exists (select 1 from shipment taken where taken.tracking_number = ?)""")
				.params(ShipmentState.DISPATCHED.name(), candidate, carrier, Timestamp.from(now), Timestamp.from(now),
						orderId, candidate)
				.update();
			if (updated == 1) {
				return candidate;
			}
		}
		throw new IllegalStateException("No free tracking number in " + TRACKING_NUMBER_ATTEMPTS + " draws");
	}

	/**
	 * A shipment whose time has come.
	 *
	 * @param orderId its order
	 * @param state its state
	 * @param confirmedBy the {@code OrderConfirmed} that made it ready
	 * @param traceparent that event's trace, if it was traced
	 */
	private record Due(UUID orderId, ShipmentState state, UUID confirmedBy, @Nullable String traceparent) {
	}

	/**
	 * The poll interval, doubled per failed round in a row, at most
	 * {@link #MAX_ERROR_PAUSE}.
	 */
	private static Duration pause(ShippingProperties properties, int failures) {
		return exponential(properties.dispatcher().pollInterval(), failures, MAX_ERROR_PAUSE);
	}

}
