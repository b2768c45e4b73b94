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
 * SKUs) nearly every batch touches: each batch first locks its rows in SKU order
 * ({@link StockLocks}), so batches that share SKUs wait for each other instead of
 * deadlocking, and the others, on any thread or instance, run at the same time.
 */
@Configuration(proxyBeanMethods = false)
class InventoryEventHandlers {

	@Bean
	EventConsumer inventoryConsumer(Reservations reservations, Settlements settlements, StockLocks locks) {
		return EventConsumer.group("inventory")
			.on(OrderPlaced.class, reservations::reserve)
			.on(OrderCancelled.class, settlements::release)
			.on(OrderShipped.class, settlements::ship)
			.beforeEachBatch(locks)
			.build();
	}

}
