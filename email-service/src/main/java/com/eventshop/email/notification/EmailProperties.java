package com.eventshop.email.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the email service, under {@code eventshop.email}. The mail server itself is
 * Spring Boot's {@code spring.mail.*}.
 *
 * @param from the sender address of every e-mail; its domain also names the
 * {@code Message-ID}s
 * @param dispatcher how pending e-mails are sent
 */
@ConfigurationProperties("eventshop.email")
record EmailProperties(@DefaultValue("shop@eventshop.local") String from, @DefaultValue Dispatcher dispatcher) {

	/**
	 * @param pollInterval how often the dispatcher looks for due e-mails when no new one
	 * woke it, and how long it pauses after a failed attempt
	 * @param retry backoff of one e-mail that the mail server did not take
	 */
	record Dispatcher(@DefaultValue("500ms") Duration pollInterval, @DefaultValue Retry retry) {
	}

	/**
	 * Exponential backoff without a limit on attempts: after a transient failure an
	 * e-mail is retried until the mail server takes it. A permanent refusal (SMTP 5xx) is
	 * not retried at all; the e-mail ends FAILED.
	 *
	 * @param initialInterval wait after the first failed attempt
	 * @param multiplier growth of the wait per further failed attempt
	 * @param maxInterval longest wait between two attempts
	 */
	record Retry(@DefaultValue("1s") Duration initialInterval, @DefaultValue("2.0") double multiplier,
			@DefaultValue("5m") Duration maxInterval) {

		/** The wait before the next attempt, after {@code failedAttempts} failures. */
		Duration delayAfter(int failedAttempts) {
			double millis = this.initialInterval.toMillis()
					* Math.pow(this.multiplier, Math.max(0, failedAttempts - 1));
			return (millis >= this.maxInterval.toMillis()) ? this.maxInterval : Duration.ofMillis((long) millis);
		}

	}

}
