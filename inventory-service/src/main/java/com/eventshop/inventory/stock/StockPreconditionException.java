package com.eventshop.inventory.stock;

/**
 * A stock correction that does not say which version of the stock it was computed from
 * ({@link #required()}: {@code 428}), or names one that is no longer current
 * ({@code 412}).
 */
public class StockPreconditionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final boolean required;

	private StockPreconditionException(String message, boolean required) {
		super(message);
		this.required = required;
	}

	static StockPreconditionException required(String sku) {
		return new StockPreconditionException(
				"Setting the stock of " + sku + " needs If-Match with its current ETag (from GET /api/stock/" + sku
						+ "), or If-None-Match: * to create a new SKU",
				true);
	}

	static StockPreconditionException failed(String sku) {
		return new StockPreconditionException("The stock of " + sku
				+ " changed since the version in the request (or does not exist, or already exists); read it again and"
				+ " recompute the correction", false);
	}

	/** Whether the precondition was missing rather than failed. */
	public boolean required() {
		return this.required;
	}

}
