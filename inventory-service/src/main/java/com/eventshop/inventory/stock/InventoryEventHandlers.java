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
 * out of the warehouse. Every one of them updates stock rows, a few of which (the popular
 * SKUs) nearly every batch touches: the group's batches take turns rather than deadlock.
 */
@Configuration(proxyBeanMethods = false)
class InventoryEventHandlers {

	@Bean
	EventConsumer inventoryConsumer(Reservations reservations, Settlements settlements) {
		return EventConsumer.group("inventory")
			.on(OrderPlaced.class, reservations::reserve)
			.on(OrderCancelled.class, settlements::release)
			.on(OrderShipped.class, settlements::ship)
			.oneBatchAtATime()
			.build();
	}

}
