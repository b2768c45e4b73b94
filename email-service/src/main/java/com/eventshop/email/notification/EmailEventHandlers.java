package com.eventshop.email.notification;

import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderConfirmed;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.events.order.OrderRejected;
import com.eventshop.events.order.OrderShipped;
import com.eventshop.messaging.consumer.EventConsumer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events the email service consumes, as consumer group {@code email}: each step of an
 * order's life that the customer hears about.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmailProperties.class)
class EmailEventHandlers {

	@Bean
	EventConsumer emailConsumer(OrderEmails emails) {
		return EventConsumer.group("email")
			.on(OrderPlaced.class, emails::on)
			.on(OrderConfirmed.class, emails::on)
			.on(OrderRejected.class, emails::on)
			.on(OrderShipped.class, emails::on)
			.on(OrderCancelled.class, emails::on)
			.build();
	}

}
