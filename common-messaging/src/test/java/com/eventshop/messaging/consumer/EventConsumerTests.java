package com.eventshop.messaging.consumer;

import java.util.function.Consumer;

import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.events.order.OrderShipped;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A system group's handlers must be what {@code ConsumerGroups} documents, so that the
 * AsyncAPI document cannot drift from the code; every service builds its group at
 * startup, so its tests fail on a difference.
 */
class EventConsumerTests {

	private static final Consumer<Object> ignore = (event) -> {
	};

	@Test
	void aSystemGroupWithTheDocumentedTypesBuilds() {
		EventConsumer inventory = EventConsumer.group("inventory")
			.on(OrderPlaced.class, ignore::accept)
			.on(OrderCancelled.class, ignore::accept)
			.on(OrderShipped.class, ignore::accept)
			.build();
		assertThat(inventory.topics()).containsExactly("shop.orders.v1");
	}

	@Test
	void aSystemGroupThatHandlesLessOrMoreThanDocumentedDoesNotBuild() {
		assertThatIllegalStateException()
			.isThrownBy(() -> EventConsumer.group("inventory").on(OrderPlaced.class, ignore::accept).build())
			.withMessageContaining("Group inventory handles [shop.order.placed.v1] but ConsumerGroups declares"
					+ " [shop.order.cancelled.v1, shop.order.placed.v1, shop.order.shipped.v1]");
	}

	@Test
	void aGroupTheSystemDoesNotHaveIsNotChecked() {
		assertThat(EventConsumer.group("audit").on(OrderPlaced.class, ignore::accept).build().group())
			.isEqualTo("audit");
	}

}
