package com.eventshop.order.catalog;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Prices order lines from the catalog.
 */
@Service
public class Catalog {

	private final ProductRepository products;

	private final JdbcClient jdbc;

	Catalog(ProductRepository products, JdbcClient jdbc) {
		this.products = products;
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<Product> activeProducts() {
		return this.products.findByActiveTrueOrderBySku();
	}

	/**
	 * Prices the requested quantities of each SKU.
	 * @param quantities quantity by SKU, in the order of the request
	 * @return one priced line per SKU, in the same order
	 * @throws UnknownSkuException when any SKU is not in the catalog or no longer sold
	 * @throws MixedCurrencyException when the products are priced in different currencies
	 */
	@Transactional(readOnly = true)
	public List<PricedLine> price(Map<String, Integer> quantities) {
		// Plain JDBC: every placement asks, and the products need no persistence context
		Map<String, PricedLine> found = new HashMap<>();
		this.jdbc.sql("select sku, name, unit_price, currency from product where sku = any(?) and active")
			.param(quantities.keySet().toArray(String[]::new))
			.query((rs) -> {
				String sku = rs.getString("sku");
				found.put(sku, new PricedLine(sku, rs.getString("name"), quantities.get(sku),
						rs.getBigDecimal("unit_price"), rs.getString("currency")));
			});
		List<String> unknown = quantities.keySet().stream().filter((sku) -> !found.containsKey(sku)).toList();
		if (!unknown.isEmpty()) {
			throw new UnknownSkuException(unknown);
		}
		if (found.values().stream().map(PricedLine::currency).distinct().count() > 1) {
			throw new MixedCurrencyException();
		}
		return quantities.keySet().stream().map(found::get).toList();
	}

	/**
	 * A requested quantity of a product at its catalog price.
	 *
	 * @param sku the product
	 * @param productName its name
	 * @param quantity units ordered
	 * @param unitPrice price of one unit
	 * @param currency ISO 4217 code
	 */
	public record PricedLine(String sku, String productName, int quantity, BigDecimal unitPrice, String currency) {
	}

}
