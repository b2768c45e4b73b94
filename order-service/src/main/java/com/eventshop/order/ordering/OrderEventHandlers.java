package com.eventshop.order.ordering;

import com.eventshop.events.inventory.InventoryRejected;
import com.eventshop.events.inventory.InventoryReleased;
import com.eventshop.events.inventory.InventoryReserved;
import com.eventshop.events.shipping.ShipmentCancelled;
import com.eventshop.events.shipping.ShipmentDispatched;
import com.eventshop.messaging.consumer.EventConsumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events the order service consumes, as consumer group {@code order}: what inventory
 * and shipping report on its orders.
 */
@Configuration(proxyBeanMethods = false)
class OrderEventHandlers {

	@Bean
	EventConsumer orderConsumer(OrderSaga saga) {
		return EventConsumer.group("order")
			.on(InventoryReserved.class, saga::on)
			.on(InventoryRejected.class, saga::on)
			.on(InventoryReleased.class, saga::on)
			.on(ShipmentDispatched.class, saga::on)
			.on(ShipmentCancelled.class, saga::on)
			.build();
	}

}
