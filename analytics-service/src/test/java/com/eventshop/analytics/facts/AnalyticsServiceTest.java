package com.eventshop.analytics.facts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.eventshop.testsupport.ConsumerServiceTest;
import com.eventshop.testsupport.ConsumerContractTests;

/**
 * The one Spring context of this module's tests. {@link AnalyticsConsumerTests} gets its
 * properties from {@link ConsumerContractTests}; other test classes repeat them here, in
 * the same order, so that Spring's context cache sees one configuration and every class
 * shares one running service (and its database). Keep the two in step.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConsumerServiceTest
@interface AnalyticsServiceTest {

}
