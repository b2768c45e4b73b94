/**
 * Orders: placement over REST, storage, idempotency keys, and the events they publish.
 */
@NullMarked
package com.eventshop.order.order;

import org.jspecify.annotations.NullMarked;
