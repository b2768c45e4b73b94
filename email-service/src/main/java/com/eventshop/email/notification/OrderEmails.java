package com.eventshop.email.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.eventshop.events.Customer;
import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderConfirmed;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.events.order.OrderRejected;
import com.eventshop.events.order.OrderShipped;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The e-mails that order events call for, one of each {@link EmailKind} per order.
 * Handlers only render and record them, in the consumer's transaction; the
 * {@link NotificationDispatcher} sends them. So a mail server that is down never fails a
 * handler, and never holds up or dead-letters an event.
 * <p>
 * The inbox keeps a redelivered event from recording anything twice. The conflict clause
 * of the insert is a second guard behind it, should the same news about an order arrive
 * under two event ids: the first e-mail of a kind stands, later ones are dropped.
 */
@Service
class OrderEmails {

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

	/** A new order: "order received", listing its lines, total and address. */
	void on(OrderPlaced event) {
		record(event.orderId(), EmailKind.ORDER_RECEIVED, event.customer(), OrderReceivedEmail.of(event));
	}

	/** Every line is reserved: "order confirmed", with the total. */
	void on(OrderConfirmed event) {
		record(event.orderId(), EmailKind.ORDER_CONFIRMED, event.customer(), OrderConfirmedEmail.of(event));
	}

	/**
	 * Some lines are short: "order rejected", naming each with requested and available.
	 */
	void on(OrderRejected event) {
		record(event.orderId(), EmailKind.ORDER_REJECTED, event.customer(), OrderRejectedEmail.of(event));
	}

	/** The order left the warehouse: "order shipped", with the tracking number. */
	void on(OrderShipped event) {
		record(event.orderId(), EmailKind.ORDER_SHIPPED, event.customer(), OrderShippedEmail.of(event));
	}

	/** The customer cancelled: "order cancelled". */
	void on(OrderCancelled event) {
		record(event.orderId(), EmailKind.ORDER_CANCELLED, event.customer(), OrderCancelledEmail.of(event));
	}

	private void record(UUID orderId, EmailKind kind, Customer customer, Object model) {
		EmailTemplates.Email email = this.templates.render(kind.template(), model);
		if (this.notifications.add(orderId, kind.name(), customer.id(), customer.email(), email,
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
