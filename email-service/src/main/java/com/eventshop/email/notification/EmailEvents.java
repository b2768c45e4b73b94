package com.eventshop.email.notification;

import com.eventshop.events.order.OrderPlaced;
import com.eventshop.messaging.consumer.EventConsumer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events the email service consumes, as consumer group {@code email}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmailProperties.class)
class EmailEvents {

	@Bean
	EventConsumer emailConsumer(OrderEmails emails) {
		return EventConsumer.group("email").on(OrderPlaced.class, emails::on).build();
	}

}
