package com.eventshop.events;

import java.util.UUID;

/**
 * An EventShop domain event. Every event belongs to one order; the order id is the Kafka
 * key and the CloudEvents subject.
 */
public interface ShopEvent {

	UUID orderId();

}
