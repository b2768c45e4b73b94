package com.eventshop.inventory.stock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.eventshop.testsupport.ConsumerContractTests;
import com.eventshop.testsupport.WithTestInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The one Spring context that every test of the module shares: the running service on a
 * random port with three listener threads, against the test broker and a database of its
 * own. Spring shares a context only between tests whose property sources are identical,
 * so this repeats, source for source and in order, what {@link ConsumerContractTests}
 * declares and what {@link InventoryConsumerTests} adds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithTestInfrastructure
@TestPropertySource(properties = { "eventshop.messaging.consumer.lock-timeout=300ms",
		"eventshop.messaging.consumer.retry.initial-interval=100ms",
		"eventshop.messaging.consumer.retry.max-interval=300ms", "eventshop.messaging.consumer.retry.max-retries=4" })
@TestPropertySource(properties = InventoryConsumerTests.CONCURRENCY)
@interface InventoryServiceTest {

}
