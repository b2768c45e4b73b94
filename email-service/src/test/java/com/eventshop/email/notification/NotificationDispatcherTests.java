package com.eventshop.email.notification;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispatcher against a real SMTP server that goes away and comes back, and against a
 * second dispatcher on the same table, as a second instance of the service would run.
 */
class NotificationDispatcherTests extends EmailTestSupport {

	@Autowired
	MeterRegistry meters;

	@Test
	void emailsWaitWhileTheMailServerIsDownAndEachArrivesOnceWhenItIsBack() {
		double sent = counter("eventshop.email.sent");
		double failures = counter("eventshop.email.send.failures");
		List<UUID> orders;
		this.smtp.stop();
		try {
			orders = List.of(placeOrder(), placeOrder(), placeOrder());
			await().atMost(TIMEOUT).until(() -> orders.stream().allMatch(this::failedAndWaiting));
			// the gauge is read in the background, never by a scrape: it catches up
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(this.meters.get("eventshop.email.pending").gauge().value()).isGreaterThanOrEqualTo(3);
				assertThat(this.meters.get("eventshop.email.pending.oldest.age").gauge().value()).isPositive();
			});
			assertThat(counter("eventshop.email.send.failures")).isGreaterThanOrEqualTo(failures + 3);
		}
		finally {
			this.smtp.start();
		}

		await().atMost(TIMEOUT)
			.until(() -> orders.stream().allMatch((order) -> statuses(order).equals(List.of("SENT"))));
		// A SENT e-mail is never sent again, so these counts are final.
		for (UUID order : orders) {
			assertThat(emailsFor(order)).as("e-mails about order %s", order).hasSize(1);
		}
		assertThat(counter("eventshop.email.sent")).isGreaterThanOrEqualTo(sent + 3);
	}

	@Test
	void twoDispatchersNeverSendTheSameEmail(@Autowired NotificationDispatcher dispatcher,
			@Autowired Notifications notifications, @Autowired EmailSender sender,
			@Autowired TransactionTemplate transactions, @Autowired NotificationMetrics metrics, @Autowired Clock clock,
			@Autowired EmailProperties properties) {
		String batch = UUID.randomUUID().toString();
		int count = 40;
		NotificationDispatcher second = new NotificationDispatcher(notifications, sender, transactions, metrics, clock,
				properties);
		second.start();
		try {
			// All due at once, so that both dispatchers reach for the same rows.
			this.jdbc.sql("""
					insert into notification (id, order_id, kind, recipient, subject, body, status,
					                          next_attempt_at, created_at)
					select gen_random_uuid(), gen_random_uuid(), 'ORDER_RECEIVED', 'ada@example.com',
					       'Race ' || ? || ' #' || n, 'Hello', 'PENDING', now(), now()
					from generate_series(1, ?) n""").params(batch, count).update();
			dispatcher.wakeUp();
			second.wakeUp();

			await().atMost(TIMEOUT).until(() -> sentWithSubject(batch) == count);
		}
		finally {
			second.stop();
		}
		assertThat(emailsWithSubject(batch)).extracting(EmailTestSupport::subject)
			.hasSize(count)
			.doesNotHaveDuplicates();
	}

	private boolean failedAndWaiting(UUID orderId) {
		return this.jdbc.sql("""
				select count(*) from notification
				where order_id = ? and status = 'PENDING' and attempts > 0 and last_error is not null""")
			.param(orderId)
			.query(Long.class)
			.single() == 1;
	}

	private long sentWithSubject(String part) {
		return this.jdbc.sql("select count(*) from notification where status = 'SENT' and subject like ?")
			.param("%" + part + "%")
			.query(Long.class)
			.single();
	}

	private double counter(String name) {
		return this.meters.get(name).counter().count();
	}

}
