package com.eventshop.inventory.stock;

import java.time.Instant;

/**
 * The stock of one SKU as the API shows it.
 *
 * @param sku the product
 * @param available units free to reserve
 * @param reserved units set aside for orders
 * @param updatedAt when either last changed
 * @param version bumped by every change of the row; the {@code ETag} a correction names
 * in {@code If-Match}
 */
record StockLevel(String sku, int available, int reserved, Instant updatedAt, long version) {

	/** The strong entity tag of this version, e.g. {@code "17"}. */
	String eTag() {
		return "\"" + this.version + "\"";
	}

}
