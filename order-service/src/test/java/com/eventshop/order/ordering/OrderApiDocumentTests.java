package com.eventshop.order.ordering;

import com.eventshop.testsupport.ApiDocuments;
import com.eventshop.testsupport.WithTestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The order service's OpenAPI document is the one committed in
 * {@code docs/api/order-service.json}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithTestInfrastructure
class OrderApiDocumentTests {

	@LocalServerPort
	int port;

	@Test
	void committedOpenApiDocumentIsTheServedOne() throws Exception {
		ApiDocuments.assertCommitted("order-service", this.port);
	}

}
