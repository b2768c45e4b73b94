package com.eventshop.analytics.facts;

import com.eventshop.testsupport.ApiDocuments;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The analytics-service's OpenAPI document is the one committed in
 * {@code docs/api/analytics-service.json}.
 */
@AnalyticsServiceTest
class AnalyticsApiDocumentTests {

	@LocalServerPort
	int port;

	@Test
	void committedOpenApiDocumentIsTheServedOne() throws Exception {
		ApiDocuments.assertCommitted("analytics-service", this.port);
	}

}
