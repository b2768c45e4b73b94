/**
 * Events of the inventory service, published to {@code shop.inventory.v1}.
 */
@NullMarked
package com.eventshop.events.inventory;

import org.jspecify.annotations.NullMarked;
