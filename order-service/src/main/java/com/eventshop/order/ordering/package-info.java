/**
 * Orders: placement and cancellation over REST, storage, idempotency keys, the saga that
 * confirms, rejects and ships them on what inventory and shipping report, and the events
 * they publish.
 */
@NullMarked
package com.eventshop.order.ordering;

import org.jspecify.annotations.NullMarked;
