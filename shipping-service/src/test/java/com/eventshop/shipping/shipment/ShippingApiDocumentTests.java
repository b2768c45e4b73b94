package com.eventshop.shipping.shipment;

import com.eventshop.testsupport.ApiDocuments;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shipping-service's OpenAPI document is the one committed in
 * {@code docs/api/shipping-service.json}.
 */
@ShippingServiceTest
class ShippingApiDocumentTests {

	@LocalServerPort
	int port;

	@Test
	void committedOpenApiDocumentIsTheServedOne() throws Exception {
		ApiDocuments.assertCommitted("shipping-service", this.port);
	}

}
