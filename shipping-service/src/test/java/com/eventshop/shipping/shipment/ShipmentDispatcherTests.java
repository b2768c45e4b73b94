package com.eventshop.shipping.shipment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.eventshop.events.EventTypes;
import com.eventshop.messaging.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Proves that a shipment is dispatched at most once, whoever races for it: several
 * dispatchers (threads and instances) on one database, or a cancellation of the order at
 * the very moment of dispatch, which then either stops the shipment or comes too late,
 * never both.
 */
class ShipmentDispatcherTests extends ShippingTestSupport {

	@Autowired
	ShipmentDispatcher dispatcher;

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	@Test
	void dispatchersRacingForTheSameShipmentsDispatchEachOnce(@Autowired TransactionTemplate transactions,
			@Autowired Outbox outbox, @Autowired Clock clock, @Autowired ShippingProperties properties)
			throws Exception {
		ShipmentDispatcher second = new ShipmentDispatcher(this.jdbc, transactions, outbox, clock, properties);
		second.start();
		second.stop();
		assertThat(second.isRunning()).isFalse();
		second.start();
		List<ShipmentDispatcher> dispatchers = List.of(this.dispatcher, second);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> rounds = new ArrayList<>();
		List<UUID> orders;
		try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
			for (int i = 0; i < 4; i++) {
				ShipmentDispatcher mine = dispatchers.get(i % 2);
				rounds.add(threads.submit(() -> {
					go.await();
					while (mine.dispatchNextDue()) {
						// until nothing is due
					}
					return null;
				}));
			}
			// All due at once, so that every dispatcher reaches for the same rows.
			orders = this.jdbc.sql("""
					insert into shipment (order_id, status, recipient_name, ship_line1, ship_city, ship_postal_code,
					                      ship_country, units, dispatch_due_at, confirmed_by_event, created_at,
					                      updated_at)
					select gen_random_uuid(), 'READY_TO_DISPATCH', 'Ada Lovelace', '1 Main St', 'London', 'N1',
					       'GB', 1, now(), gen_random_uuid(), now(), now()
					from generate_series(1, 40)
					returning order_id""").query(UUID.class).list();
			go.countDown();
			for (Future<?> round : rounds) {
				round.get();
			}
			await().atMost(TIMEOUT).until(() -> orders.stream().allMatch((id) -> "DISPATCHED".equals(status(id))));
		}
		finally {
			second.stop();
		}
		assertThat(this.dispatcher.isRunning()).isTrue();
		assertThat(orders).allSatisfy((id) -> assertThat(dispatchedOutboxed(id)).as("events of %s", id).isOne());
		this.shippingEvents.awaitRecords(TIMEOUT,
				(records) -> orders.stream().allMatch((id) -> !dispatchedEvents(id).isEmpty()));
		assertThat(orders).allSatisfy((id) -> assertThat(dispatchedEvents(id)).hasSize(1));
		Set<String> trackingNumbers = orders.stream()
			.map((id) -> get(id).get("trackingNumber").asString())
			.collect(Collectors.toSet());
		assertThat(trackingNumbers).hasSize(orders.size());
	}

	@Test
	void aCancellationDuringADispatchWaitsForItAndComesTooLate() throws SQLException {
		UUID orderId = placed();
		this.dispatcher.stop();
		UUID cancellation;
		try {
			awaitHandled(publish(EventTypes.ORDER_CONFIRMED_V1, orderId));
			try (Connection dispatch = this.dataSource.getConnection()) {
				// Plays a dispatcher between claiming the shipment and committing.
				dispatch.setAutoCommit(false);
				execute(dispatch, "select 1 from shipment where order_id = ? for update", orderId);
				execute(dispatch, """
						update shipment set status = 'DISPATCHED', tracking_number = 'ES000000080DE',
						                    carrier = 'EventShop Post', dispatched_at = now(), updated_at = now()
						where order_id = ?""", orderId);
				double failures = failures();

				cancellation = publish(EventTypes.ORDER_CANCELLATION_REQUESTED_V1, orderId);
				await().atMost(TIMEOUT).until(() -> failures() > failures);
				assertThat(status(orderId)).as("the cancellation waits").isEqualTo("READY_TO_DISPATCH");
				dispatch.commit();
			}
			awaitHandled(cancellation);
		}
		finally {
			this.dispatcher.start();
		}

		assertThat(get(orderId).get("status").asString()).isEqualTo("DISPATCHED");
		assertThat(get(orderId).get("cancellationOutcome").asString()).isEqualTo("TOO_LATE");
		assertThat(outboxed(orderId, EventTypes.SHIPMENT_CANCELLED_V1)).as("not granted").isZero();
	}

	@Test
	void theDispatcherPassesOverAShipmentBeingCancelledAndNeverTakesItAfterwards() throws SQLException {
		UUID orderId = placed();
		this.dispatcher.stop();
		try {
			awaitHandled(publish(EventTypes.ORDER_CONFIRMED_V1, orderId));
			this.jdbc.sql("update shipment set dispatch_due_at = now() - interval '1 minute' where order_id = ?")
				.param(orderId)
				.update();
			try (Connection cancel = this.dataSource.getConnection()) {
				// Plays the consumer's cancellation between
				// locking the shipment and committing.
				cancel.setAutoCommit(false);
				execute(cancel, "select 1 from shipment where order_id = ? for update", orderId);
				execute(cancel, """
						update shipment set status = 'CANCELLED', cancellation_requested_at = now(),
						                    cancellation_outcome = 'CANCELLED', updated_at = now()
						where order_id = ?""", orderId);

				assertThatNoException().as("the dispatcher does not wait for the row")
					.isThrownBy(() -> dispatchAllDueWithin(Duration.ofSeconds(10)));
				assertThat(status(orderId)).isEqualTo("READY_TO_DISPATCH");
				cancel.commit();
			}
		}
		finally {
			this.dispatcher.start();
		}
		awaitSentinelDispatched();

		assertThat(status(orderId)).isEqualTo("CANCELLED");
		assertThat(dispatchedOutboxed(orderId)).isZero();
	}

	private void dispatchAllDueWithin(Duration timeout) throws Exception {
		ExecutorService thread = Executors.newSingleThreadExecutor();
		try {
			thread.submit(() -> {
				while (this.dispatcher.dispatchNextDue()) {
					// until nothing is due
				}
				return null;
			}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		finally {
			// Not close(): a dispatcher stuck on the row must not hang the test too.
			thread.shutdownNow();
		}
	}

	private double failures() {
		Counter failures = this.meters.find("eventshop.consumer.failures").tag("group", "shipping").counter();
		return (failures != null) ? failures.count() : 0;
	}

	private static void execute(Connection connection, String sql, UUID orderId) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setObject(1, orderId);
			statement.execute();
		}
	}

}
