package com.eventshop.email.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.eventshop.messaging.support.BackgroundWorker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends pending e-mails over SMTP, one transaction per e-mail: it locks the e-mail that
 * has been due longest ({@code for update skip locked}, so the dispatchers of several
 * instances never take the same one), hands it to the mail server and marks it SENT in
 * that same transaction. When the server cannot be reached or refuses, the attempt is
 * counted, its error kept and the next attempt scheduled with exponential backoff: a
 * transient failure (a 4xx reply, a refused or broken connection, a timeout) is retried
 * until the server takes the e-mail. A permanent refusal (an SMTP 5xx reply to the
 * recipient or the message, see {@link SmtpFailures}) ends the e-mail FAILED with the
 * server's reply, counted in {@code eventshop.email.rejected} and listed at
 * {@code GET /api/admin/emails/failed}; it is never retried, and the dispatcher goes on
 * to the next e-mail at once, so undeliverable addresses do not slow the others.
 * <p>
 * <b>The two duplicate windows.</b> If the process dies (or the database fails) after the
 * mail server accepted an e-mail but before its SENT mark committed, the row is still
 * PENDING afterwards and that one e-mail is sent again. Likewise if the server accepts
 * the message but its reply to the end of {@code DATA} never arrives (the connection
 * breaks, or {@code spring.mail.properties.mail.smtp.timeout} passes): the client cannot
 * tell "accepted" from "lost", counts a transient failure and sends the e-mail again
 * later. SMTP cannot take part in a database transaction, so no design closes these
 * windows; they are acceptable because they are narrow (one e-mail, for the moment
 * between the server's acceptance and the commit or its reply), because an e-mail
 * received twice is an annoyance while one never sent is a loss, and because both copies
 * carry the same {@code Message-ID}, derived from the notification id, by which mail
 * stores and clients can recognise the second copy as a duplicate and drop it. Claiming
 * and sending one e-mail per transaction ({@code limit 1}) is what keeps the window at
 * one e-mail: a batch per transaction would widen it to the whole batch.
 * <p>
 * Runs on one thread, which keeps its SMTP connection open while e-mails keep coming (the
 * handshake per e-mail was most of the cost of sending one) and closes it when none is
 * due or a send fails. A newly recorded e-mail wakes it after its commit; otherwise it
 * polls. After a failed attempt it pauses for a poll interval, so a mail server that is
 * down costs one connection attempt per interval rather than one per waiting e-mail.
 */
@Component
class NotificationDispatcher extends BackgroundWorker {

	private static final Logger logger = LoggerFactory.getLogger(NotificationDispatcher.class);

	/**
	 * Longest pause while the dispatcher itself fails (the database is down), so that a
	 * recovery is noticed soon.
	 */
	private static final Duration MAX_ERROR_PAUSE = Duration.ofSeconds(30);

	/** How long {@link #stop()} waits for an e-mail in flight; SMTP timeouts bound it. */
	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final Notifications notifications;

	private final EmailSender sender;

	private final TransactionTemplate transactions;

	private final NotificationMetrics metrics;

	private final Clock clock;

	private final EmailProperties.Dispatcher settings;

	/**
	 * The dispatcher thread's connection to the mail server, kept while e-mails keep
	 * coming and closed when none is due or a send fails.
	 */
	private EmailSender.@Nullable Connection connection;

	NotificationDispatcher(Notifications notifications, EmailSender sender, TransactionTemplate transactions,
			NotificationMetrics metrics, Clock clock, EmailProperties properties) {
		// Lets an e-mail in flight finish rather than interrupting it: an interrupt could
		// land between the server's acceptance and the commit, the one window that sends
		// an e-mail twice.
		super("email-dispatcher", properties.dispatcher().pollInterval(), Stopping.afterRound(STOP_TIMEOUT));
		this.notifications = notifications;
		this.sender = sender;
		this.transactions = transactions;
		this.metrics = metrics;
		this.clock = clock;
		this.settings = properties.dispatcher();
	}

	/**
	 * Sends the e-mail that has been due longest, if any, and closes the connection when
	 * none was sent.
	 * @return whether one was sent, so that more may be due
	 */
	@Override
	protected boolean runRound() {
		Outcome outcome = sendNextDue();
		if (outcome == Outcome.SENT || outcome == Outcome.REJECTED) {
			// A refused address says nothing about the next e-mail: go on at once rather
			// than pausing as after a server that cannot be reached.
			return true;
		}
		closeConnection();
		return false;
	}

	@Override
	protected Pause roundFailed(RuntimeException failure, int failures) {
		logger.warn("E-mail dispatcher failed ({}); trying again", failure.toString());
		closeConnection();
		return Pause.upTo(exponential(this.settings.pollInterval(), failures, MAX_ERROR_PAUSE));
	}

	@Override
	protected void afterLastRound() {
		closeConnection();
	}

	private EmailSender.Connection connection() {
		EmailSender.Connection current = this.connection;
		if (current == null) {
			current = this.sender.connect();
			this.connection = current;
		}
		return current;
	}

	private void closeConnection() {
		EmailSender.Connection current = this.connection;
		this.connection = null;
		if (current != null) {
			current.close();
		}
	}

	/**
	 * Sends the e-mail that has been due longest, if any, in one transaction.
	 * @return what happened
	 */
	Outcome sendNextDue() {
		Outcome outcome = this.transactions.execute((status) -> {
			Optional<Notifications.Due> due = this.notifications.claimNextDue(Instant.now(this.clock));
			if (due.isEmpty()) {
				return Outcome.NONE_DUE;
			}
			Notifications.Due email = due.get();
			try {
				connection().send(email);
			}
			catch (MailException ex) {
				closeConnection();
				if (SmtpFailures.isPermanent(ex)) {
					this.notifications.markRejected(email.id(), SmtpFailures.reason(ex), Instant.now(this.clock));
					this.metrics.rejected();
					logger.warn("Mail server refused e-mail {} for good; it is FAILED and will not be retried: {}",
							email.id(), SmtpFailures.reason(ex));
					return Outcome.REJECTED;
				}
				int failedAttempts = email.attempts() + 1;
				Duration delay = this.settings.retry().delayAfter(failedAttempts);
				this.notifications.markFailed(email.id(), SmtpFailures.reason(ex), Instant.now(this.clock).plus(delay));
				this.metrics.failed();
				logger.warn("Could not send e-mail {} (attempt {}), retrying in {} ms: {}", email.id(), failedAttempts,
						delay.toMillis(), ex.getMessage());
				return Outcome.FAILED;
			}
			this.notifications.markSent(email.id(), Instant.now(this.clock));
			this.metrics.sent();
			return Outcome.SENT;
		});
		return (outcome != null) ? outcome : Outcome.NONE_DUE;
	}

	/** What one round of the dispatcher did; a round that fails throws instead. */
	enum Outcome {

		/** The mail server took an e-mail; there may be more due. */
		SENT,

		/** The mail server did not take it; it is scheduled again. */
		FAILED,

		/** The mail server refused it for good (5xx); it is FAILED and never retried. */
		REJECTED,

		/** Nothing is due. */
		NONE_DUE

	}

}
