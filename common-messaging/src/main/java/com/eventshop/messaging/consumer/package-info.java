/**
 * Consuming events: reading CloudEvents into records, the inbox that makes handlers
 * idempotent, retries with backoff, and dead-letter topics per consumer group.
 */
@NullMarked
package com.eventshop.messaging.consumer;

import org.jspecify.annotations.NullMarked;
