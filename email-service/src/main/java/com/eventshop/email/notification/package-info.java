/**
 * Customer notifications: recorded from events in the handler's transaction, rendered
 * from templates, sent over SMTP by a dispatcher that retries until the mail server takes
 * them, and shown over REST.
 */
@NullMarked
package com.eventshop.email.notification;

import org.jspecify.annotations.NullMarked;
