/**
 * The inventory service: stock levels per SKU, and a reservation of every line of an
 * order or of none.
 */
@NullMarked
package com.eventshop.inventory;

import org.jspecify.annotations.NullMarked;
