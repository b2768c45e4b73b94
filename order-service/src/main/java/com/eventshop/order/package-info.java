/**
 * The order service: takes orders over REST, prices them from its catalog, stores them
 * and publishes {@code OrderPlaced} through the transactional outbox.
 */
@NullMarked
package com.eventshop.order;

import org.jspecify.annotations.NullMarked;
