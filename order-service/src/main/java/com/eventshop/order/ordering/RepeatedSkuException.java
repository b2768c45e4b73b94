package com.eventshop.order.ordering;

import java.util.List;

/**
 * An order listed the same SKU on more than one line.
 */
public class RepeatedSkuException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final List<String> skus;

	RepeatedSkuException(List<String> skus) {
		super("Each SKU may appear on one line only; repeated: " + String.join(", ", skus));
		this.skus = List.copyOf(skus);
	}

	public List<String> getSkus() {
		return this.skus;
	}

}
