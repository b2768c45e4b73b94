package com.eventshop.analytics.facts;

import com.eventshop.events.order.OrderPlaced;
import com.eventshop.messaging.consumer.EventConsumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events the analytics service consumes, as consumer group {@code analytics}.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsEvents {

	@Bean
	EventConsumer analyticsConsumer(OrderFacts facts) {
		return EventConsumer.group("analytics").on(OrderPlaced.class, facts::on).build();
	}

}
