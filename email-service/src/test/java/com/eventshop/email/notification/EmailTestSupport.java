package com.eventshop.email.notification;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.testsupport.TestTokens;
import com.eventshop.testsupport.ConsumerServiceTest;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TestInfrastructure;
import com.eventshop.testsupport.http.ServiceClient;
import com.eventshop.testsupport.http.ServiceClient.Response;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Base of the email service's tests beside {@link EmailConsumerTests}: the same Spring
 * context, a publisher of orders and a look into the SMTP server's mailbox.
 * <p>
 * The annotations equal those {@code EmailConsumerTests} has and inherits, so that the
 * module runs one context: two would split the {@code email} consumer group between them.
 */
@ConsumerServiceTest
@Import(TestSmtpServer.class)
abstract class EmailTestSupport {

	static final Duration TIMEOUT = Duration.ofMinutes(3);

	@Autowired
	GreenMail smtp;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestInfrastructure infrastructure;

	@LocalServerPort
	int port;

	@Autowired
	EventPublisher publisher;

	/** Announces a new order (the golden example) and returns its id. */
	UUID placeOrder() {
		UUID orderId = UUID.randomUUID();
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(),
				EventPublisher.golden(EventTypes.ORDER_PLACED_V1, orderId));
		return orderId;
	}

	/** Publishes an event under a new event id, and returns that id. */
	UUID publish(EventType<?> type, ObjectNode event) {
		UUID eventId = UUID.randomUUID();
		this.publisher.publish(type, eventId, event);
		return eventId;
	}

	MimeMessage awaitEmail(UUID orderId) {
		await().atMost(TIMEOUT).until(() -> !emailsFor(orderId).isEmpty());
		return emailsFor(orderId).getFirst();
	}

	/**
	 * The e-mails the SMTP server received about an order, known by its id in the
	 * subject.
	 */
	List<MimeMessage> emailsFor(UUID orderId) {
		return emailsWithSubject(orderId.toString());
	}

	List<MimeMessage> emailsWithSubject(String part) {
		return Arrays.stream(this.smtp.getReceivedMessages())
			.filter((message) -> subject(message).contains(part))
			.toList();
	}

	/** Waits for the one e-mail of a kind about an order, and returns it. */
	MimeMessage awaitEmail(UUID orderId, EmailKind kind) {
		await().atMost(TIMEOUT).until(() -> !emailsFor(orderId, kind).isEmpty());
		List<MimeMessage> emails = emailsFor(orderId, kind);
		assertThat(emails).as("%s e-mails about order %s", kind, orderId).hasSize(1);
		return emails.getFirst();
	}

	/**
	 * The e-mails of a kind that the SMTP server received about an order. A received
	 * e-mail is known by its {@code Message-ID}, which names the notification it was sent
	 * for, and that notification's kind.
	 */
	List<MimeMessage> emailsFor(UUID orderId, EmailKind kind) {
		return emailsFor(orderId).stream().filter((message) -> kind.name().equals(kindOf(message))).toList();
	}

	@Nullable String kindOf(MimeMessage message) {
		String messageId = messageId(message);
		String notificationId = messageId.substring(1, messageId.indexOf('@'));
		return this.jdbc.sql("select kind from notification where id = ?")
			.param(UUID.fromString(notificationId))
			.query(String.class)
			.optional()
			.orElse(null);
	}

	static String messageId(MimeMessage message) {
		try {
			return String.valueOf(message.getMessageID());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String subject(MimeMessage message) {
		try {
			return String.valueOf(message.getSubject());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** How often the email consumer handled an event: 1 once it did, never more. */
	long inboxRows(UUID eventId) {
		return this.jdbc.sql("select count(*) from messaging.inbox where consumer = 'email' and event_id = ?")
			.param(eventId)
			.query(Long.class)
			.single();
	}

	/** The statuses of an order's notifications. */
	List<String> statuses(UUID orderId) {
		return this.jdbc.sql("select status from notification where order_id = ?")
			.param(orderId)
			.query(String.class)
			.list();
	}

	/** {@code GET} of a path of this service's API, as the operator. */
	Response get(String path) {
		return new ServiceClient(this.port).get(path, TestTokens.bearer(TestTokens.operator()));
	}

}
