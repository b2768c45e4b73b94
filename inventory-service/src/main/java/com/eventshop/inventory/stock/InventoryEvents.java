package com.eventshop.inventory.stock;

import com.eventshop.events.order.OrderPlaced;
import com.eventshop.messaging.consumer.EventConsumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events the inventory service consumes, as consumer group {@code inventory}.
 */
@Configuration(proxyBeanMethods = false)
class InventoryEvents {

	@Bean
	EventConsumer inventoryConsumer(Reservations reservations) {
		return EventConsumer.group("inventory").on(OrderPlaced.class, reservations::reserve).build();
	}

}
