package com.eventshop.email.notification;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands one e-mail to the mail server as plain text in UTF-8, from
 * {@code eventshop.email.from}, with a {@code Message-ID} derived from the notification
 * id: every attempt of one notification carries the same id, so a copy sent twice is
 * recognisable as a duplicate.
 */
@Component
class EmailSender {

	private final JavaMailSender mailSender;

	private final String from;

	private final String messageIdDomain;

	EmailSender(JavaMailSender mailSender, EmailProperties properties) {
		this.mailSender = mailSender;
		this.from = properties.from();
		this.messageIdDomain = domainOf(properties.from());
	}

	/**
	 * Sends the e-mail on a connection of its own; returns once the mail server accepted
	 * it.
	 * @throws MailException if the server could not be reached or did not accept it
	 */
	void send(Notifications.Due email) {
		try (Connection connection = connect()) {
			connection.send(email);
		}
	}

	/**
	 * A connection to the mail server for one thread, opened on its first e-mail and kept
	 * for the next ones: a burst of e-mails pays for the SMTP handshake once, not once
	 * per e-mail (which is what {@link JavaMailSender#send} does).
	 */
	Connection connect() {
		return (this.mailSender instanceof JavaMailSenderImpl server) ? new SmtpConnection(server)
				: (email) -> this.mailSender.send(message(email));
	}

	private MimeMessage message(Notifications.Due email) {
		MimeMessage message = this.mailSender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
			helper.setFrom(this.from);
			helper.setTo(email.recipient());
			helper.setSubject(email.subject());
			helper.setText(email.body());
			message.setSentDate(new Date());
			message.setHeader("Message-ID", messageId(email.id()));
		}
		catch (MessagingException ex) {
			throw new MailPreparationException(ex);
		}
		return message;
	}

	String messageId(UUID notificationId) {
		return "<" + notificationId + "@" + this.messageIdDomain + ">";
	}

	/** An open connection to the mail server; not for use by several threads. */
	@FunctionalInterface
	interface Connection extends AutoCloseable {

		/**
		 * Sends one e-mail; returns once the mail server accepted it.
		 * @throws MailException if the server could not be reached or did not accept it;
		 * the connection is closed then, and the next e-mail opens a new one
		 */
		void send(Notifications.Due email);

		@Override
		default void close() {
		}

	}

	/** One SMTP session, kept open across e-mails until it fails or is closed. */
	private final class SmtpConnection implements Connection {

		private final JavaMailSenderImpl server;

		private @Nullable Transport transport;

		SmtpConnection(JavaMailSenderImpl server) {
			this.server = server;
		}

		@Override
		public void send(Notifications.Due email) {
			MimeMessage message = message(email);
			try {
				// saveChanges() would replace the Message-ID with a generated one.
				String messageId = message.getMessageID();
				message.saveChanges();
				message.setHeader("Message-ID", messageId);
				Transport open = open();
				open.sendMessage(message, message.getAllRecipients());
			}
			catch (MessagingException ex) {
				close();
				throw new MailSendException("Could not send e-mail " + email.id() + ": " + ex.getMessage(), ex);
			}
		}

		private Transport open() throws MessagingException {
			Transport current = this.transport;
			if (current == null || !current.isConnected()) {
				current = this.server.getSession().getTransport(this.server.getProtocol());
				current.connect(this.server.getHost(), this.server.getPort(), this.server.getUsername(),
						this.server.getPassword());
				this.transport = current;
			}
			return current;
		}

		@Override
		public void close() {
			Transport current = this.transport;
			this.transport = null;
			if (current != null) {
				try {
					current.close();
				}
				catch (MessagingException ex) {
					// the session is gone either way
				}
			}
		}

	}

	private static String domainOf(String address) {
		try {
			String plain = new InternetAddress(address, true).getAddress();
			return plain.substring(plain.lastIndexOf('@') + 1);
		}
		catch (AddressException ex) {
			throw new IllegalArgumentException("eventshop.email.from is not an e-mail address: " + address, ex);
		}
	}

}
