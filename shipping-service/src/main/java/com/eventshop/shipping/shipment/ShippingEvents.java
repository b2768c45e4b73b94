package com.eventshop.shipping.shipment;

import com.eventshop.events.order.OrderPlaced;
import com.eventshop.messaging.consumer.EventConsumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events the shipping service consumes, as consumer group {@code shipping}.
 */
@Configuration(proxyBeanMethods = false)
class ShippingEvents {

	@Bean
	EventConsumer shippingConsumer(Shipments shipments) {
		return EventConsumer.group("shipping").on(OrderPlaced.class, shipments::on).build();
	}

}
