package com.eventshop.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.eventshop.events.inventory.InventoryRejected;
import com.eventshop.events.inventory.InventoryReleased;
import com.eventshop.events.inventory.InventoryReserved;
import com.eventshop.events.order.OrderCancellationRequested;
import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderConfirmed;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.events.order.OrderPlacedV2;
import com.eventshop.events.order.OrderRejected;
import com.eventshop.events.order.OrderShipped;
import com.eventshop.events.shipping.ShipmentCancelled;
import com.eventshop.events.shipping.ShipmentDispatched;

/**
 * Every event type EventShop knows, by name and by record. Consumers look the
 * {@code ce_type} header up here: a known type that a group does not handle is skipped,
 * an absent name is a type or version this build does not know, and is dead-lettered so
 * that it can be replayed once the consumer has been upgraded.
 */
public final class EventTypes {

	public static final EventType<OrderPlaced> ORDER_PLACED_V1 = new EventType<>("shop.order.placed.v1", Topics.ORDERS,
			OrderPlaced.class);

	/**
	 * {@code OrderPlaced} with money as amount and currency: a breaking change, hence a
	 * new type, published beside {@link #ORDER_PLACED_V1} while consumers move.
	 */
	public static final EventType<OrderPlacedV2> ORDER_PLACED_V2 = new EventType<>("shop.order.placed.v2",
			Topics.ORDERS, OrderPlacedV2.class);

	public static final EventType<InventoryReserved> INVENTORY_RESERVED_V1 = new EventType<>(
			"shop.inventory.reserved.v1", Topics.INVENTORY, InventoryReserved.class);

	public static final EventType<InventoryRejected> INVENTORY_REJECTED_V1 = new EventType<>(
			"shop.inventory.rejected.v1", Topics.INVENTORY, InventoryRejected.class);

	public static final EventType<OrderConfirmed> ORDER_CONFIRMED_V1 = new EventType<>("shop.order.confirmed.v1",
			Topics.ORDERS, OrderConfirmed.class);

	public static final EventType<OrderRejected> ORDER_REJECTED_V1 = new EventType<>("shop.order.rejected.v1",
			Topics.ORDERS, OrderRejected.class);

	public static final EventType<OrderCancelled> ORDER_CANCELLED_V1 = new EventType<>("shop.order.cancelled.v1",
			Topics.ORDERS, OrderCancelled.class);

	public static final EventType<OrderCancellationRequested> ORDER_CANCELLATION_REQUESTED_V1 = new EventType<>(
			"shop.order.cancellation.requested.v1", Topics.ORDERS, OrderCancellationRequested.class);

	public static final EventType<OrderShipped> ORDER_SHIPPED_V1 = new EventType<>("shop.order.shipped.v1",
			Topics.ORDERS, OrderShipped.class);

	public static final EventType<InventoryReleased> INVENTORY_RELEASED_V1 = new EventType<>(
			"shop.inventory.released.v1", Topics.INVENTORY, InventoryReleased.class);

	public static final EventType<ShipmentDispatched> SHIPMENT_DISPATCHED_V1 = new EventType<>(
			"shop.shipment.dispatched.v1", Topics.SHIPPING, ShipmentDispatched.class);

	public static final EventType<ShipmentCancelled> SHIPMENT_CANCELLED_V1 = new EventType<>(
			"shop.shipment.cancelled.v1", Topics.SHIPPING, ShipmentCancelled.class);

	private static final List<EventType<?>> ALL = List.of(ORDER_PLACED_V1, ORDER_PLACED_V2, ORDER_CONFIRMED_V1,
			ORDER_REJECTED_V1, ORDER_CANCELLED_V1, ORDER_CANCELLATION_REQUESTED_V1, ORDER_SHIPPED_V1,
			INVENTORY_RESERVED_V1, INVENTORY_REJECTED_V1, INVENTORY_RELEASED_V1, SHIPMENT_DISPATCHED_V1,
			SHIPMENT_CANCELLED_V1);

	private static final Map<String, EventType<?>> BY_NAME = ALL.stream()
		.collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

	private static final Map<Class<?>, EventType<?>> BY_CLASS = ALL.stream()
		.collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));

	private EventTypes() {
	}

	public static List<EventType<?>> all() {
		return ALL;
	}

	public static Optional<EventType<?>> byName(String name) {
		return Optional.ofNullable(BY_NAME.get(name));
	}

	@SuppressWarnings("unchecked")
	public static <T extends ShopEvent> EventType<T> of(Class<T> eventClass) {
		EventType<?> type = BY_CLASS.get(eventClass);
		if (type == null) {
			throw new IllegalArgumentException("Not a registered event type: " + eventClass.getName());
		}
		return (EventType<T>) type;
	}

}
