package com.eventshop.shipping.shipment;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.eventshop.testsupport.ConsumerServiceTest;

import org.springframework.test.context.TestPropertySource;

/**
 * The one Spring context that every test of the module shares: the running service on a
 * random port against the test broker and a database of its own, with a short warehouse
 * delay so that confirmed orders are dispatched quickly. Spring shares a context only
 * between tests whose configuration is identical, so {@link ShippingConsumerTests} adds
 * the same property to what it inherits.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConsumerServiceTest
@TestPropertySource(properties = ShippingServiceTest.WAREHOUSE_DELAY)
@interface ShippingServiceTest {

	/** How long after its confirmation a shipment is dispatched, in every test. */
	String WAREHOUSE_DELAY = "eventshop.shipping.warehouse-delay=300ms";

}
