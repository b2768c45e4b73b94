package com.eventshop.loadtests.measure;

import java.util.Map;
import java.util.UUID;

import com.eventshop.events.EventTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionsTests {

	private static final long SECOND = 1_000_000;

	private final UUID order = UUID.randomUUID();

	private final UUID placedEvent = UUID.randomUUID();

	private final UUID confirmedEvent = UUID.randomUUID();

	private final UUID shippedEvent = UUID.randomUUID();

	private Completions.Tally tally;

	@BeforeEach
	void anOrderThatWentAllTheWay() {
		this.tally = new Completions.Tally(0, 100 * SECOND);
		this.tally.status(this.order, "PENDING", SECOND);
		this.tally.status(this.order, "CONFIRMED", 2 * SECOND);
		this.tally.status(this.order, "SHIPPED", 5 * SECOND);
		this.tally.orderEvent(this.placedEvent, this.order, EventTypes.ORDER_PLACED_V1.name());
		this.tally.orderEvent(this.confirmedEvent, this.order, EventTypes.ORDER_CONFIRMED_V1.name());
		this.tally.orderEvent(this.shippedEvent, this.order, EventTypes.ORDER_SHIPPED_V1.name());
	}

	private void everyGroupHandlesEverythingBy(long at) {
		Completions.Tally.GROUPS.keySet().forEach((group) -> {
			this.tally.handled(group, this.placedEvent, at);
			this.tally.handled(group, this.confirmedEvent, at);
			this.tally.handled(group, this.shippedEvent, at);
		});
	}

	@Test
	void anOrderIsCompleteWhenTheLastEffectOfAnyServiceIsCommitted() {
		everyGroupHandlesEverythingBy(6 * SECOND);
		this.tally.handled("analytics", this.shippedEvent, 7 * SECOND);
		this.tally.email(this.order, "SENT", 8 * SECOND);
		Completions.Window window = this.tally.window();
		assertThat(window.completed()).isEqualTo(Map.of(this.order, 8 * SECOND));
		// latencies are reported in milliseconds
		assertThat(window.toCompleted().p50()).isEqualTo(7_000);
	}

	@Test
	void aTerminalStatusIsNotEnoughWhileAGroupHasNotHandledAnEventOfTheOrder() {
		Completions.Tally.GROUPS.keySet().forEach((group) -> {
			this.tally.handled(group, this.placedEvent, 6 * SECOND);
			this.tally.handled(group, this.confirmedEvent, 6 * SECOND);
			if (!group.equals("inventory")) {
				this.tally.handled(group, this.shippedEvent, 6 * SECOND);
			}
		});
		this.tally.email(this.order, "SENT", 6 * SECOND);
		Completions.Window window = this.tally.window();
		assertThat(window.placed()).containsKey(this.order);
		assertThat(window.completed()).isEmpty();
	}

	@Test
	void anUnsentOrFailedEmailKeepsTheOrderIncomplete() {
		everyGroupHandlesEverythingBy(6 * SECOND);
		this.tally.email(this.order, "SENT", 6 * SECOND);
		this.tally.email(this.order, "PENDING", 0);
		assertThat(this.tally.window().completed()).isEmpty();
	}

	@Test
	void anOrderThatIsNotTerminalIsIncomplete() {
		Completions.Tally pending = new Completions.Tally(0, 100 * SECOND);
		pending.status(this.order, "PENDING", SECOND);
		pending.status(this.order, "CONFIRMED", 2 * SECOND);
		assertThat(pending.window().summary(0)).isEqualTo(new Completions.Summary(1, 0, 0, new Latencies().summary()));
	}

	@Test
	void theRateCountsCompletionsInTheSteadyPartOfTheWindowOnly() {
		Completions.Window window = new Completions.Window(0, 20 * SECOND,
				Map.of(UUID.randomUUID(), 0L, UUID.randomUUID(), 0L, UUID.randomUUID(), 0L),
				Map.of(UUID.randomUUID(), 5 * SECOND, UUID.randomUUID(), 15 * SECOND, UUID.randomUUID(), 25 * SECOND));
		// only the completion at 15 s falls in [10 s, 20 s)
		assertThat(window.completedPerSecond(10)).isEqualTo(0.1);
	}

}
