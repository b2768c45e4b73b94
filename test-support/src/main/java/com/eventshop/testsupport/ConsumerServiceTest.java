package com.eventshop.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * A consuming service under test: running on a random port against the test
 * infrastructure, with short lock timeouts and retries so that failure tests finish
 * quickly. Every test class of a consuming service that uses this annotation (including
 * {@link ConsumerContractTests}) shares one Spring context, hence one consumer group
 * member per service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithTestInfrastructure
@TestPropertySource(properties = { "eventshop.messaging.consumer.lock-timeout=300ms",
		"eventshop.messaging.consumer.retry.initial-interval=100ms",
		"eventshop.messaging.consumer.retry.max-interval=300ms", "eventshop.messaging.consumer.retry.max-retries=4",
		"eventshop.messaging.consumer.retry.infrastructure-initial-interval=100ms",
		"eventshop.messaging.consumer.retry.infrastructure-max-interval=500ms" })
public @interface ConsumerServiceTest {

}
