package com.eventshop.inventory.stock;

import java.time.Instant;

/**
 * The stock of one SKU as the API shows it.
 *
 * @param sku the product
 * @param available units free to reserve
 * @param reserved units set aside for orders
 * @param updatedAt when either last changed
 */
record StockLevel(String sku, int available, int reserved, Instant updatedAt) {
}
