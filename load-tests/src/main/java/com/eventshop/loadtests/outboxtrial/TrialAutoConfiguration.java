package com.eventshop.loadtests.outboxtrial;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * The auto-configuration of each trial context, listed in
 * {@code META-INF/spring/<annotation>.imports}: the same DataSource, transactions, Kafka
 * and Jackson for all, plus one library's own. All three libraries share the class path,
 * so no context may pick up another's by scanning.
 */
final class TrialAutoConfiguration {

	private TrialAutoConfiguration() {
	}

	/** Our outbox ({@code common-messaging}). */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@ImportAutoConfiguration
	@interface Ours {

	}

	/** Spring Modulith's registry on JDBC with Kafka externalization. */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@ImportAutoConfiguration
	@interface Modulith {

	}

	/** Namastack Outbox on JDBC. */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@ImportAutoConfiguration
	@interface Namastack {

	}

}
