package com.eventshop.order.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Prices order lines from the catalog.
 */
@Service
public class Catalog {

	private final ProductRepository products;

	Catalog(ProductRepository products) {
		this.products = products;
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
		Map<String, Product> found = this.products.findBySkuInAndActiveTrue(quantities.keySet())
			.stream()
			.collect(Collectors.toMap(Product::getSku, Function.identity()));
		List<String> unknown = quantities.keySet().stream().filter((sku) -> !found.containsKey(sku)).toList();
		if (!unknown.isEmpty()) {
			throw new UnknownSkuException(unknown);
		}
		if (found.values().stream().map(Product::getCurrency).distinct().count() > 1) {
			throw new MixedCurrencyException();
		}
		Map<String, PricedLine> lines = new LinkedHashMap<>();
		quantities.forEach((sku, quantity) -> {
			Product product = found.get(sku);
			lines.put(sku,
					new PricedLine(sku, product.getName(), quantity, product.getUnitPrice(), product.getCurrency()));
		});
		return List.copyOf(lines.values());
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
