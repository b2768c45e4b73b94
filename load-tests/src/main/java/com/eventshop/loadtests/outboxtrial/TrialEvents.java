package com.eventshop.loadtests.outboxtrial;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.Address;
import com.eventshop.events.Customer;
import com.eventshop.events.order.OrderPlaced;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trial's events: a real {@code OrderPlaced} of the golden example's size, whose
 * customer id carries the event's sequence number within its key, so that the topic read
 * back tells what was lost, repeated or reordered.
 */
final class TrialEvents {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PREFIX = "seq-";

	private TrialEvents() {
	}

	static OrderPlaced orderPlaced(UUID orderId, long sequence) {
		return new OrderPlaced(orderId, new Customer(PREFIX + sequence, "Ada Lovelace", "ada@example.com"),
				List.of(new OrderPlaced.Line("MUG-001", "Enamel camping mug", 2, new BigDecimal("12.50")),
						new OrderPlaced.Line("TEE-002", "Organic cotton T-shirt", 1, new BigDecimal("24.00"))),
				new BigDecimal("49.00"), "EUR", new Address("12 St James's Square", null, "London", "SW1Y 4JH", "GB"),
				Instant.now());
	}

	/** The sequence number in a record's value, or -1 when it carries none. */
	static long sequence(byte[] value) {
		JsonNode customer = JSON.readTree(value).path("customer").path("id");
		String id = customer.asString("");
		return id.startsWith(PREFIX) ? Long.parseLong(id.substring(PREFIX.length())) : -1;
	}

}
