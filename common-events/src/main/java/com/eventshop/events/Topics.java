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
	 * The service that publishes to a topic; its CloudEvents {@code source} is
	 * {@code /<service>}.
	 * @param topic one of the topics above
	 * @return the publishing service
	 */
	public static String publisher(String topic) {
		return switch (topic) {
			case ORDERS -> "order-service";
			case INVENTORY -> "inventory-service";
			case SHIPPING -> "shipping-service";
			default -> throw new IllegalArgumentException("Not an EventShop topic: " + topic);
		};
	}

	/**
	 * The topic that carries replays of one consumer group's dead letters to that group
	 * alone.
	 * @param topic the source topic
	 * @param group the consumer group
	 * @return {@code <topic>.<group>.retry}
	 */
	public static String retry(String topic, String group) {
		return topic + "." + group + ".retry";
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
