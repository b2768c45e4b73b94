/**
 * Health of the messaging plumbing for the readiness probe: Kafka reachability (checked
 * in the background, never on a probe), the listener containers, and the outbox relay's
 * progress.
 */
@NullMarked
package com.eventshop.messaging.health;

import org.jspecify.annotations.NullMarked;
