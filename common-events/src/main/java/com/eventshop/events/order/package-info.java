/**
 * Events of the order service, published to {@code shop.orders.v1}.
 */
@NullMarked
package com.eventshop.events.order;

import org.jspecify.annotations.NullMarked;
