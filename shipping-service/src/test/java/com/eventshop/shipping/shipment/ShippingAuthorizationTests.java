package com.eventshop.shipping.shipment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.eventshop.testsupport.AuthorizationCorpus;
import com.eventshop.testsupport.EventPublisher;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The shipping service's authorization corpus: a shipment is its order's customer's (as
 * {@code OrderPlaced} named them) and the operator's.
 */
@ShippingServiceTest
class ShippingAuthorizationTests extends AuthorizationCorpus {

	@Autowired
	EventPublisher publisher;

	private UUID orderOfA = UUID.randomUUID();

	@BeforeEach
	void shipmentOfA() {
		this.orderOfA = publishOrderOfA(this.publisher, (order) -> "/api/shipments/" + order,
				(response) -> response.statusCode() == 200);
	}

	@Override
	protected Map<String, Rule> rules() {
		Map<String, Rule> rules = new HashMap<>();
		rules.put("GET /api/shipments/{orderId}", Rule.ownerOnly(() -> Request.of("/api/shipments/" + this.orderOfA)));
		rules.putAll(deadLetterRules());
		return rules;
	}

	@Override
	protected List<String> secretsOfA() {
		return profileOfAAnd(this.orderOfA);
	}

}
