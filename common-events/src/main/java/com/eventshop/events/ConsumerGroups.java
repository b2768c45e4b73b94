package com.eventshop.events;

import java.util.List;
import java.util.Optional;

/**
 * Which consumer group reads which event types: the subscriptions of the system, as the
 * AsyncAPI document describes them. Each service's consumer declaration is tested against
 * its entry here, so the two cannot drift apart unnoticed.
 */
public final class ConsumerGroups {

	private static final List<ConsumerGroup> ALL = List.of(
			new ConsumerGroup("order", "order-service",
					List.of(EventTypes.INVENTORY_RESERVED_V1, EventTypes.INVENTORY_REJECTED_V1,
							EventTypes.INVENTORY_RELEASED_V1, EventTypes.SHIPMENT_DISPATCHED_V1,
							EventTypes.SHIPMENT_CANCELLED_V1)),
			new ConsumerGroup("inventory", "inventory-service",
					List.of(EventTypes.ORDER_PLACED_V1, EventTypes.ORDER_CANCELLED_V1, EventTypes.ORDER_SHIPPED_V1)),
			new ConsumerGroup("email", "email-service",
					List.of(EventTypes.ORDER_PLACED_V1, EventTypes.ORDER_CONFIRMED_V1, EventTypes.ORDER_REJECTED_V1,
							EventTypes.ORDER_SHIPPED_V1, EventTypes.ORDER_CANCELLED_V1)),
			new ConsumerGroup("shipping", "shipping-service",
					List.of(EventTypes.ORDER_PLACED_V1, EventTypes.ORDER_CONFIRMED_V1, EventTypes.ORDER_REJECTED_V1,
							EventTypes.ORDER_CANCELLATION_REQUESTED_V1, EventTypes.ORDER_CANCELLED_V1)),
			new ConsumerGroup("analytics", "analytics-service",
					List.of(EventTypes.ORDER_PLACED_V1, EventTypes.ORDER_CONFIRMED_V1, EventTypes.ORDER_REJECTED_V1,
							EventTypes.ORDER_SHIPPED_V1, EventTypes.ORDER_CANCELLED_V1)));

	private ConsumerGroups() {
	}

	public static List<ConsumerGroup> all() {
		return ALL;
	}

	public static Optional<ConsumerGroup> byName(String group) {
		return ALL.stream().filter((candidate) -> candidate.name().equals(group)).findFirst();
	}

	/**
	 * One consumer group.
	 *
	 * @param name the group id
	 * @param service the service that runs it
	 * @param types the event types it handles, in the order its service declares them
	 */
	public record ConsumerGroup(String name, String service, List<EventType<?>> types) {

		public ConsumerGroup {
			types = List.copyOf(types);
		}

		/** The topics the group reads, in the order of its types. */
		public List<String> topics() {
			return this.types.stream().map(EventType::topic).distinct().toList();
		}

		/** The types it handles from one topic. */
		public List<EventType<?>> types(String topic) {
			return this.types.stream().filter((type) -> type.topic().equals(topic)).toList();
		}

		/** The topic that carries replays of this group's dead letters from a topic. */
		public String retryTopic(String topic) {
			return Topics.retry(topic, this.name);
		}

		/** This group's dead-letter topic for a topic it reads. */
		public String deadLetterTopic(String topic) {
			return Topics.deadLetter(topic, this.name);
		}

	}

}
