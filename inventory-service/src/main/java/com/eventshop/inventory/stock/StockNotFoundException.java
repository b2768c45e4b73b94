package com.eventshop.inventory.stock;

/**
 * No stock is kept for this SKU.
 */
public class StockNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	StockNotFoundException(String sku) {
		super("No stock for SKU " + sku);
	}

}
