package com.eventshop.inventory.stock;

import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.events.order.OrderShipped;
import com.eventshop.messaging.consumer.EventConsumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events the inventory service consumes, as consumer group {@code inventory}: a
 * placed order is reserved; a cancelled one releases its stock, a shipped one takes it
 * out of the warehouse.
 */
@Configuration(proxyBeanMethods = false)
class InventoryEvents {

	@Bean
	EventConsumer inventoryConsumer(Reservations reservations, Settlements settlements) {
		return EventConsumer.group("inventory")
			.on(OrderPlaced.class, reservations::reserve)
			.on(OrderCancelled.class, settlements::release)
			.on(OrderShipped.class, settlements::ship)
			.build();
	}

}
