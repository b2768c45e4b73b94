package com.eventshop.order.catalog;

/**
 * An order mixed products priced in different currencies, which one order cannot total.
 */
public class MixedCurrencyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	MixedCurrencyException() {
		super("The products of one order must share a currency");
	}

}
