package com.eventshop.shipping.shipment;

import java.util.UUID;

import com.eventshop.testsupport.ConsumerContractTests;

import org.springframework.test.context.TestPropertySource;

/**
 * The shipping consumer against a real broker and database: every guarantee of
 * {@link ConsumerContractTests}, with a shipment as the effect of an order.
 */
@TestPropertySource(properties = ShippingServiceTest.WAREHOUSE_DELAY)
class ShippingConsumerTests extends ConsumerContractTests {

	@Override
	protected String group() {
		return "shipping";
	}

	@Override
	protected String effect(UUID orderId) {
		return String.join(";", this.jdbc.sql("""
				select status || ',' || units || ',' || ship_city || ',' || recipient_name
				from shipment where order_id = ?""").param(orderId).query(String.class).list());
	}

}
