/**
 * Events of the shipping service, published to {@code shop.shipping.v1}.
 */
@NullMarked
package com.eventshop.events.shipping;

import org.jspecify.annotations.NullMarked;
