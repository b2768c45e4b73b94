package com.eventshop.inventory.stock;

import java.util.UUID;

import com.eventshop.testsupport.ConsumerContractTests;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.test.context.TestPropertySource;

import static com.eventshop.inventory.stock.Inventory.line;

/**
 * The inventory consumer against a real broker and database: every guarantee of
 * {@link ConsumerContractTests}, with the reservation of an order (its status and lines)
 * as the effect. Each test orders a SKU of its own with ample stock, so that whether an
 * order is reserved never depends on what other tests ordered before it.
 */
@TestPropertySource(properties = InventoryConsumerTests.CONCURRENCY)
class InventoryConsumerTests extends ConsumerContractTests {

	/** Listener threads of every test context of the module. */
	static final String CONCURRENCY = "eventshop.messaging.consumer.concurrency=3";

	private final String sku = Inventory.newSku();

	@BeforeEach
	void stockTheSku() {
		Inventory.stock(this.jdbc, this.sku, 10_000);
	}

	@Override
	protected String group() {
		return "inventory";
	}

	@Override
	protected ObjectNode orderPlaced(UUID orderId) {
		return Inventory.orderPlaced(orderId, line(this.sku, 2));
	}

	@Override
	protected String effect(UUID orderId) {
		return Inventory.reservation(this.jdbc, orderId);
	}

}
