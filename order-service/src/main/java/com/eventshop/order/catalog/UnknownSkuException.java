package com.eventshop.order.catalog;

import java.util.List;

/**
 * An order named products that the catalog does not sell.
 */
public class UnknownSkuException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final List<String> skus;

	UnknownSkuException(List<String> skus) {
		super("Unknown or discontinued SKU(s): " + String.join(", ", skus));
		this.skus = List.copyOf(skus);
	}

	public List<String> getSkus() {
		return this.skus;
	}

}
