package com.eventshop.email.notification;

import com.eventshop.testsupport.ApiDocuments;
import org.junit.jupiter.api.Test;

/**
 * The email-service's OpenAPI document is the one committed in
 * {@code docs/api/email-service.json}.
 */

class EmailApiDocumentTests extends EmailTestSupport {

	@Test
	void committedOpenApiDocumentIsTheServedOne() throws Exception {
		ApiDocuments.assertCommitted("email-service", this.port);
	}

}
