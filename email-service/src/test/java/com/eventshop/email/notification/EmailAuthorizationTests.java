package com.eventshop.email.notification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.eventshop.testsupport.AuthorizationCorpus;
import com.eventshop.testsupport.ConsumerServiceTest;
import com.eventshop.testsupport.EventPublisher;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The e-mail service's authorization corpus: the e-mails of an order are its customer's
 * (as the order's events named them) and the operator's. Another customer asking for them
 * gets the answer for an order without e-mails, an empty list, and none of A's data. Its
 * annotations equal {@code EmailTestSupport}'s, so the module keeps one context (two
 * would split the consumer group).
 */
@ConsumerServiceTest
@Import(TestSmtpServer.class)
class EmailAuthorizationTests extends AuthorizationCorpus {

	@Autowired
	EventPublisher publisher;

	private UUID orderOfA = UUID.randomUUID();

	@BeforeEach
	void emailOfA() {
		this.orderOfA = publishOrderOfA(this.publisher, (order) -> "/api/emails?orderId=" + order,
				(response) -> response.body().contains("ORDER_RECEIVED"));
	}

	@Override
	protected Map<String, Rule> rules() {
		Map<String, Rule> rules = new HashMap<>();
		rules.put("GET /api/emails", Rule.anyCaller(() -> Request.of("/api/emails?orderId=" + this.orderOfA)));
		rules.put("GET /api/admin/emails/failed", Rule.operatorOnly(() -> Request.of("/api/admin/emails/failed")));
		rules.putAll(deadLetterRules());
		return rules;
	}

	@Override
	protected List<String> secretsOfA() {
		return profileOfAAnd(this.orderOfA);
	}

}
