package com.eventshop.events;

/**
 * Kafka topic names. One topic per publishing service, keyed by order id so that every
 * event of one order lands on one partition, in order.
 */
public final class Topics {

	/** Events published by the order service. */
	public static final String ORDERS = "shop.orders.v1";

	/** Events published by the inventory service. */
	public static final String INVENTORY = "shop.inventory.v1";

	/** Events published by the shipping service. */
	public static final String SHIPPING = "shop.shipping.v1";

	private Topics() {
	}

	/**
	 * The dead-letter topic of one consumer group on one topic.
	 * @param topic the source topic
	 * @param group the consumer group
	 * @return {@code <topic>.<group>.dlt}
	 */
	public static String deadLetter(String topic, String group) {
		return topic + "." + group + ".dlt";
	}

}
