/**
 * Stock: levels per SKU shown and corrected over REST, reservations made from
 * {@code OrderPlaced}, all or nothing, without ever overselling, and settled when the
 * order is cancelled (released) or shipped.
 */
@NullMarked
package com.eventshop.inventory.stock;

import org.jspecify.annotations.NullMarked;
