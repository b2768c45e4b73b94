package com.eventshop.email.notification;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An e-mail as the API shows it.
 *
 * @param kind what it tells the customer, an {@link EmailKind} such as
 * {@code ORDER_SHIPPED}
 * @param recipient the customer's address
 * @param subject its subject line
 * @param status {@code PENDING} until the mail server took it, then {@code SENT}; or
 * {@code FAILED} when it refused it for good (an SMTP 5xx reply)
 * @param attempts how often it was handed to the mail server
 * @param createdAt when the event that calls for it was handled
 * @param sentAt when the mail server took it
 */
record Notification(String kind, String recipient, String subject, String status, int attempts, Instant createdAt,
		@Nullable Instant sentAt) {
}
