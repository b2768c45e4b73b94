/**
 * Stock: levels per SKU shown and corrected over REST, and reservations made from
 * {@code OrderPlaced}, all or nothing, without ever overselling.
 */
@NullMarked
package com.eventshop.inventory.stock;

import org.jspecify.annotations.NullMarked;
