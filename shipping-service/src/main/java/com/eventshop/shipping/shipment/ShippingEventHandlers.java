package com.eventshop.shipping.shipment;

import com.eventshop.events.order.OrderCancellationRequested;
import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderConfirmed;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.events.order.OrderRejected;
import com.eventshop.messaging.consumer.EventConsumer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events the shipping service consumes, as consumer group {@code shipping}: a placed
 * order gets a shipment; its confirmation, rejection or cancellation decides whether the
 * {@link ShipmentDispatcher} sends it, and a request to cancel a confirmed order is
 * granted ({@code ShipmentCancelled}) unless the shipment has left. {@code OrderShipped}
 * only repeats what shipping already did, so it is not read.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShippingProperties.class)
class ShippingEventHandlers {

	@Bean
	EventConsumer shippingConsumer(Shipments shipments, ShipmentStates states) {
		return EventConsumer.group("shipping")
			.on(OrderPlaced.class, shipments::on)
			.on(OrderConfirmed.class, states::confirmed)
			.on(OrderRejected.class, states::rejected)
			.on(OrderCancellationRequested.class, states::cancellationRequested)
			.on(OrderCancelled.class, states::cancelled)
			.build();
	}

}
