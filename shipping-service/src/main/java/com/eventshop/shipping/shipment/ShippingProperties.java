package com.eventshop.shipping.shipment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the shipping service, under {@code eventshop.shipping}.
 *
 * @param warehouseDelay how long the warehouse takes to pick and pack a confirmed order:
 * its shipment is dispatched this long after the confirmation, and a cancellation within
 * that time still stops it
 * @param carrier who carries the shipments
 * @param dispatcher how due shipments are found
 */
@ConfigurationProperties("eventshop.shipping")
record ShippingProperties(@DefaultValue("5s") Duration warehouseDelay, @DefaultValue("EventShop Post") String carrier,
		@DefaultValue Dispatcher dispatcher) {

	/**
	 * @param pollInterval how often the dispatcher looks for due shipments, and how long
	 * it pauses after a failed round
	 */
	record Dispatcher(@DefaultValue("200ms") Duration pollInterval) {
	}

}
