package com.eventshop.order.ordering;

import java.math.BigDecimal;

import jakarta.persistence.Embeddable;

/**
 * One priced line of an order. The product name and price are copied from the catalog
 * when the order is placed, so later catalog changes never alter an existing order.
 */
@Embeddable
public class OrderLine {

	private String sku;

	private String productName;

	private int quantity;

	private BigDecimal unitPrice;

	protected OrderLine() {
	}

	OrderLine(String sku, String productName, int quantity, BigDecimal unitPrice) {
		this.sku = sku;
		this.productName = productName;
		this.quantity = quantity;
		this.unitPrice = unitPrice;
	}

	public String getSku() {
		return this.sku;
	}

	public String getProductName() {
		return this.productName;
	}

	public int getQuantity() {
		return this.quantity;
	}

	public BigDecimal getUnitPrice() {
		return this.unitPrice;
	}

	public BigDecimal getLineTotal() {
		return this.unitPrice.multiply(BigDecimal.valueOf(this.quantity));
	}

}
