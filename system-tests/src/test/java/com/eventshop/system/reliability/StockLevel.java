package com.eventshop.system.reliability;

/**
 * One SKU's stock as inventory holds it.
 *
 * @param sku the SKU
 * @param available free to reserve
 * @param reserved set aside for orders
 * @param shipped left the warehouse with shipped orders
 */
record StockLevel(String sku, long available, long reserved, long shipped) {

	/** Every unit the warehouse was ever given: what conservation keeps constant. */
	long total() {
		return this.available + this.reserved + this.shipped;
	}

	boolean negative() {
		return this.available < 0 || this.reserved < 0 || this.shipped < 0;
	}

}
