package com.eventshop.order;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.eventshop.testsupport.WithTestInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The order service under test: running on a random port against the test broker and a
 * database of its own. Test classes that add nothing to it share one Spring context, as
 * the other four services' tests do through their own annotations.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithTestInfrastructure
public @interface OrderServiceTest {

}
