package com.eventshop.order.catalog;

import java.math.BigDecimal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A product that can be ordered, with its current price.
 */
@Entity
@Table(name = "product")
public class Product {

	@Id
	private String sku;

	private String name;

	private BigDecimal unitPrice;

	private String currency;

	private boolean active;

	protected Product() {
	}

	public String getSku() {
		return this.sku;
	}

	public String getName() {
		return this.name;
	}

	public BigDecimal getUnitPrice() {
		return this.unitPrice;
	}

	public String getCurrency() {
		return this.currency;
	}

	public boolean isActive() {
		return this.active;
	}

}
