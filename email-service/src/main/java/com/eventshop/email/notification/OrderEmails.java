package com.eventshop.email.notification;

import java.time.Clock;
import java.time.Instant;

import com.eventshop.events.order.OrderPlaced;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The e-mails that order events call for. Handlers only render and record them, in the
 * consumer's transaction; the {@link NotificationDispatcher} sends them. So a mail server
 * that is down never fails a handler, and never holds up or dead-letters an event.
 */
@Service
class OrderEmails {

	static final String ORDER_RECEIVED = "ORDER_RECEIVED";

	private final EmailTemplates templates;

	private final Notifications notifications;

	private final NotificationDispatcher dispatcher;

	private final Clock clock;

	OrderEmails(EmailTemplates templates, Notifications notifications, NotificationDispatcher dispatcher, Clock clock) {
		this.templates = templates;
		this.notifications = notifications;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	/**
	 * A new order: the customer gets an "order received" e-mail. The conflict clause of
	 * the insert is a second guard behind the inbox, should the same order be announced
	 * twice under different event ids.
	 */
	void on(OrderPlaced event) {
		EmailTemplates.Email email = this.templates.render(OrderReceivedEmail.TEMPLATE, OrderReceivedEmail.of(event));
		if (this.notifications.add(event.orderId(), ORDER_RECEIVED, event.customer().email(), email,
				Instant.now(this.clock))) {
			sendAfterCommit();
		}
	}

	/** Wakes the dispatcher once the new row is visible, rather than at its next poll. */
	private void sendAfterCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.dispatcher.wakeUp();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				OrderEmails.this.dispatcher.wakeUp();
			}

		});
	}

}
