package com.eventshop.inventory.stock;

import java.util.UUID;

import com.eventshop.testsupport.ConsumerContractTests;

import org.springframework.test.context.TestPropertySource;

/**
 * The inventory consumer against a real broker and database: every guarantee of
 * {@link ConsumerContractTests}, with the reservation of an order (its status and lines)
 * as the effect.
 */
@TestPropertySource(properties = InventoryConsumerTests.CONCURRENCY)
class InventoryConsumerTests extends ConsumerContractTests {

	/** Listener threads of every test context of the module. */
	static final String CONCURRENCY = "eventshop.messaging.consumer.concurrency=3";

	@Override
	protected String group() {
		return "inventory";
	}

	@Override
	protected String effect(UUID orderId) {
		return Inventory.reservation(this.jdbc, orderId);
	}

}
