/**
 * Operating a consumer's dead-letter topics: list what is there, replay records to that
 * consumer group alone, or park them, with an audit trail.
 */
@NullMarked
package com.eventshop.messaging.deadletter;

import org.jspecify.annotations.NullMarked;
