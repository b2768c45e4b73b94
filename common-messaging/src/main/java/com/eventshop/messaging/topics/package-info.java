/**
 * Declaring the service's topics (event, retry and dead-letter topics) on the broker,
 * whenever the broker arrives: at start or later.
 */
@NullMarked
package com.eventshop.messaging.topics;

import org.jspecify.annotations.NullMarked;
