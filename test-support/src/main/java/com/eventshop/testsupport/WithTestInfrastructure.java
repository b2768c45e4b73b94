package com.eventshop.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Gives a Spring test context a Kafka broker and its own fresh PostgreSQL database: sets
 * {@code spring.kafka.bootstrap-servers} and {@code spring.datasource.*}, and registers
 * the {@link TestDatabase} and the {@link TestInfrastructure} as beans, with the test's
 * own Kafka clients: an {@link EventPublisher} and the {@link TopicReaders} (whose
 * readers close after each test method). The broker is shared by every context of the
 * JVM; the database is new for each context, so tests never see each other's rows.
 * <p>
 * The mode is chosen by {@code -Dit.infra=docker|local|auto} (default {@code auto}:
 * Docker when an engine is reachable, else the local machine).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(TestInfrastructureContextCustomizerFactory.class)
public @interface WithTestInfrastructure {

}
