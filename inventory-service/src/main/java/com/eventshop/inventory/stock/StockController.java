package com.eventshop.inventory.stock;

import java.util.List;
import java.util.Objects;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/stock}, {@code GET /api/stock/{sku}} and the operator's {@code PUT
 * /api/stock/{sku}} (guarded by {@code eventshop.admin.protected-paths}).
 */
@RestController
@RequestMapping("/api/stock")
class StockController {

	private final StockLevels stock;

	StockController(StockLevels stock) {
		this.stock = stock;
	}

	@GetMapping
	List<StockLevel> all() {
		return this.stock.all();
	}

	@GetMapping("/{sku}")
	StockLevel find(@PathVariable String sku) {
		return this.stock.find(sku).orElseThrow(() -> new StockNotFoundException(sku));
	}

	@PutMapping("/{sku}")
	StockLevel setAvailable(@PathVariable @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{0,39}") String sku,
			@RequestBody @Valid SetStockRequest request) {
		return this.stock.setAvailable(sku, Objects.requireNonNull(request.available()));
	}

}
