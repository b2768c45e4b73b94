package com.eventshop.shipping.shipment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.eventshop.events.EventTypes;
import com.eventshop.testsupport.AuthorizationCorpus;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;

import static org.awaitility.Awaitility.await;

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
		this.orderOfA = UUID.randomUUID();
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(), orderPlacedOfA(this.orderOfA));
		await().atMost(Duration.ofMinutes(2))
			.until(() -> send("GET", Request.of("/api/shipments/" + this.orderOfA), TestTokens.operator())
				.statusCode() == 200);
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
		List<String> secrets = new ArrayList<>(PROFILE_OF_A);
		secrets.add(this.orderOfA.toString());
		return secrets;
	}

}
