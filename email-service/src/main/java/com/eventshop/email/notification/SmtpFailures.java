package com.eventshop.email.notification;

import java.util.HashSet;
import java.util.Set;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailPreparationException;

/**
 * Tells a permanent failure to send one e-mail from a transient one. Permanent is what no
 * retry can change: the mail server refused the recipient or the message with an SMTP 5xx
 * reply ({@code 550 mailbox unavailable}, {@code 553 mailbox name not allowed},
 * {@code 554 transaction failed}), or the e-mail could not even be written (an address
 * that does not parse). Everything else is transient and retried: a 4xx reply
 * ({@code 450 mailbox busy}), a refused or broken connection, a timeout, failed
 * authentication.
 * <p>
 * A 5xx reply to {@code MAIL FROM} is deliberately transient: the sender address is the
 * service's own setting, the same for every e-mail, so such a refusal says the service is
 * misconfigured, not that this e-mail is undeliverable; failing every e-mail for it would
 * lose them all.
 */
final class SmtpFailures {

	private SmtpFailures() {
	}

	/** Whether retrying this failure to send an e-mail can never succeed. */
	static boolean isPermanent(Throwable failure) {
		Set<Throwable> seen = new HashSet<>();
		for (Throwable current = failure; current != null && seen.add(current); current = next(current)) {
			if (current instanceof MailPreparationException) {
				return true;
			}
			if (current instanceof SMTPAddressFailedException refused && isPermanent(refused.getReturnCode())) {
				return true;
			}
			if (current instanceof SMTPSendFailedException refused && isPermanent(refused.getReturnCode())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The failure as an operator should read it: its message followed by the mail
	 * server's own replies in it (e.g. {@code 550 5.1.1 Recipient address rejected}),
	 * which Jakarta Mail keeps in nested exceptions behind a bare "Invalid Addresses".
	 */
	static String reason(Throwable failure) {
		StringBuilder reason = new StringBuilder(String.valueOf(failure.getMessage()));
		Set<Throwable> seen = new HashSet<>();
		for (Throwable current = failure; current != null && seen.add(current); current = next(current)) {
			if (current instanceof SMTPAddressFailedException || current instanceof SMTPSendFailedException) {
				String reply = String.valueOf(current.getMessage()).strip();
				if (reason.indexOf(reply) < 0) {
					reason.append("; server replied: ").append(reply);
				}
			}
		}
		return reason.toString();
	}

	private static boolean isPermanent(int replyCode) {
		return replyCode >= 500 && replyCode < 600;
	}

	/**
	 * The next exception in the chain: Jakarta Mail hangs the per-recipient refusals of a
	 * {@code SendFailedException} on {@link MessagingException#getNextException()}.
	 */
	private static @Nullable Throwable next(Throwable failure) {
		if (failure instanceof MessagingException messaging && messaging.getNextException() != null) {
			return messaging.getNextException();
		}
		return failure.getCause();
	}

}
