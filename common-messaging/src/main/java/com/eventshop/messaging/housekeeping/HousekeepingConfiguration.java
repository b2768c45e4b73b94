package com.eventshop.messaging.housekeeping;

import java.time.Clock;

import javax.sql.DataSource;

import com.eventshop.messaging.MessagingProperties;
import com.eventshop.messaging.support.MessagingSchema;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * Housekeeping of the messaging tables, and of any table a service declares a
 * {@link Retention} for.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(DataSource.class)
public class HousekeepingConfiguration {

	/** Handled event ids, remembered for {@code consumer.inbox-retention}. */
	@Bean
	Retention inboxRetention(MessagingProperties properties) {
		return new Retention("inbox", "messaging.inbox", "handled_at", properties.consumer().inboxRetention());
	}

	/**
	 * Published outbox rows, kept for {@code outbox.retention}; none are purged when
	 * {@code outbox.keep-published} is set (the rows are then the event history).
	 */
	@Bean
	@ConditionalOnProperty(name = "eventshop.messaging.outbox.keep-published", havingValue = "false",
			matchIfMissing = true)
	Retention outboxRetention(MessagingProperties properties) {
		return new Retention("outbox", "messaging.outbox", "published_at", properties.outbox().retention());
	}

	@Bean
	@ConditionalOnProperty(name = "eventshop.messaging.housekeeping.enabled", matchIfMissing = true)
	@DependsOn(MessagingSchema.BEAN_NAME)
	Housekeeping housekeeping(DataSource dataSource, ObjectProvider<Retention> retentions,
			MessagingProperties properties, ObjectProvider<MeterRegistry> meters, Clock clock) {
		return new Housekeeping(dataSource, retentions.orderedStream().toList(), properties.housekeeping(),
				meters.getIfAvailable(SimpleMeterRegistry::new), clock);
	}

}
