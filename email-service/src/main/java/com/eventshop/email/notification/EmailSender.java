package com.eventshop.email.notification;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
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
	 * Sends the e-mail; returns once the mail server accepted it.
	 * @throws MailException if the server could not be reached or did not accept it
	 */
	void send(Notifications.Due email) {
		this.mailSender.send((message) -> {
			MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
			helper.setFrom(this.from);
			helper.setTo(email.recipient());
			helper.setSubject(email.subject());
			helper.setText(email.body());
			// JavaMailSender keeps an explicit Message-ID rather than generating one.
			message.setHeader("Message-ID", messageId(email.id()));
		});
	}

	String messageId(UUID notificationId) {
		return "<" + notificationId + "@" + this.messageIdDomain + ">";
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
