package com.eventshop.inventory.stock;

import com.eventshop.testsupport.ApiDocuments;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The inventory-service's OpenAPI document is the one committed in
 * {@code docs/api/inventory-service.json}.
 */
@InventoryServiceTest
class InventoryApiDocumentTests {

	@LocalServerPort
	int port;

	@Test
	void committedOpenApiDocumentIsTheServedOne() throws Exception {
		ApiDocuments.assertCommitted("inventory-service", this.port);
	}

}
