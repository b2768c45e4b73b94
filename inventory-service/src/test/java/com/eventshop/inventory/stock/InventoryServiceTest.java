package com.eventshop.inventory.stock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.eventshop.testsupport.ConsumerServiceTest;

import org.springframework.test.context.TestPropertySource;

/**
 * The one Spring context that every test of the module shares: the running service on a
 * random port with three listener threads, against the test broker and a database of its
 * own. Spring shares a context only between tests whose configuration is identical, so
 * this is what {@link InventoryConsumerTests} inherits and adds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConsumerServiceTest
@TestPropertySource(properties = InventoryConsumerTests.CONCURRENCY)
@interface InventoryServiceTest {

}
