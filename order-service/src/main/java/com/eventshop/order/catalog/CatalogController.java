package com.eventshop.order.catalog;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/products}: what can be ordered, at what price.
 */
@RestController
@RequestMapping("/api/products")
class CatalogController {

	private final Catalog catalog;

	CatalogController(Catalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping
	List<ProductView> products() {
		return this.catalog.activeProducts()
			.stream()
			.map((p) -> new ProductView(p.getSku(), p.getName(), p.getUnitPrice(), p.getCurrency()))
			.toList();
	}

	record ProductView(String sku, String name, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice,
			String currency) {
	}

}
