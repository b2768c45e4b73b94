/**
 * The transactional outbox: events are stored in the same database transaction as the
 * change they describe, and a relay publishes the committed ones to Kafka.
 */
@NullMarked
package com.eventshop.messaging.outbox;

import org.jspecify.annotations.NullMarked;
