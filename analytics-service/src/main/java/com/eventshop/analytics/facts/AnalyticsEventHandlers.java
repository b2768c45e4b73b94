package com.eventshop.analytics.facts;

import com.eventshop.messaging.consumer.EventConsumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events the analytics service consumes, as consumer group {@code analytics}: the
 * {@link AnalyticsProjection}'s rules, applied as events arrive. Placed orders become
 * facts, their later outcomes are recorded beside them.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsEventHandlers {

	@Bean
	EventConsumer analyticsConsumer(AnalyticsProjection projection) {
		return projection.register(EventConsumer.group("analytics")).build();
	}

}
