package com.eventshop.email.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * An e-mail the mail server refused for good, as operators see it.
 *
 * @param id the notification
 * @param orderId the order it is about
 * @param kind an {@link EmailKind} such as {@code ORDER_SHIPPED}
 * @param recipient the address that was refused
 * @param attempts how often it was handed to the mail server
 * @param reason the mail server's reply, e.g. {@code 550 5.1.1 mailbox unavailable}
 * @param createdAt when the event that called for it was handled
 * @param failedAt when the mail server refused it for good
 */
record FailedEmail(UUID id, UUID orderId, String kind, String recipient, int attempts, String reason, Instant createdAt,
		Instant failedAt) {
}
