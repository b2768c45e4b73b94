package com.eventshop.analytics.facts;

import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderConfirmed;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.events.order.OrderRejected;
import com.eventshop.events.order.OrderShipped;
import com.eventshop.messaging.consumer.EventConsumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events the analytics service consumes, as consumer group {@code analytics}: placed
 * orders become facts, their later outcomes are recorded beside them.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsEventHandlers {

	@Bean
	EventConsumer analyticsConsumer(OrderFacts facts, OrderOutcomes outcomes) {
		return EventConsumer.group("analytics")
			.on(OrderPlaced.class, facts::on)
			.on(OrderConfirmed.class, outcomes::on)
			.on(OrderRejected.class, outcomes::on)
			.on(OrderShipped.class, outcomes::on)
			.on(OrderCancelled.class, outcomes::on)
			.build();
	}

}
