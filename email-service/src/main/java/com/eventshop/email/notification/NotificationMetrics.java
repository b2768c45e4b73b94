package com.eventshop.email.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import com.eventshop.messaging.observability.PeriodicGauges;

import org.springframework.stereotype.Component;

/**
 * E-mail meters: e-mails the mail server took, attempts it did not take, e-mails it
 * refused for good, and e-mails still waiting (the backlog) and how long the oldest has.
 * A pending count that keeps growing while failures climb means the mail server is
 * unreachable.
 */
@Component
class NotificationMetrics {

	private final Counter sent;

	private final Counter failures;

	private final Counter rejected;

	NotificationMetrics(MeterRegistry registry, PeriodicGauges gauges, Notifications notifications) {
		this.sent = Counter.builder("eventshop.email.sent")
			.description("E-mails the mail server accepted")
			.register(registry);
		this.failures = Counter.builder("eventshop.email.send.failures")
			.description("Attempts to send an e-mail that failed and will be retried")
			.register(registry);
		this.rejected = Counter.builder("eventshop.email.rejected")
			.description("E-mails the mail server refused for good (SMTP 5xx); they end FAILED, never retried")
			.register(registry);
		// Counted in the background, never by a scrape (PeriodicGauges).
		gauges.gauge("eventshop.email.failed", "E-mails that ended FAILED, listed at /api/admin/emails/failed",
				notifications::countFailed);
		gauges.gauge("eventshop.email.pending",
				"E-mails recorded but not yet accepted by the mail server (the backlog)", notifications::countPending);
		gauges.gauge("eventshop.email.pending.oldest.age", "Seconds the oldest e-mail of the backlog has waited",
				notifications::oldestPendingAge);
	}

	void sent() {
		this.sent.increment();
	}

	void failed() {
		this.failures.increment();
	}

	void rejected() {
		this.rejected.increment();
	}

}
