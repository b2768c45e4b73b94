package com.eventshop.inventory.stock;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.eventshop.testsupport.AuthorizationCorpus;

/**
 * The inventory service's authorization corpus: any valid token reads stock; only the
 * operator sets it. Stock holds no customer's data.
 */
@InventoryServiceTest
class InventoryAuthorizationTests extends AuthorizationCorpus {

	private static final AtomicInteger skus = new AtomicInteger();

	@Override
	protected Map<String, Rule> rules() {
		Map<String, Rule> rules = new HashMap<>();
		rules.put("GET /api/stock", Rule.anyCaller(() -> Request.of("/api/stock")));
		rules.put("GET /api/stock/{sku}", Rule.anyCaller(() -> Request.of("/api/stock/MUG-001")));
		rules.put("PUT /api/stock/{sku}", Rule.operatorOnly(() -> Request
			.of("/api/stock/AUTHZ-" + skus.incrementAndGet(), "{\"available\": 5}", "If-None-Match", "*")));
		rules.putAll(deadLetterRules());
		return rules;
	}

	@Override
	protected List<String> secretsOfA() {
		return List.of();
	}

}
