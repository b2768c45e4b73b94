package com.eventshop.system.reliability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each invariant of the matrix fed a state a bug would leave behind: it must fail on it
 * (and hold on the consistent state next to it), or it proves nothing.
 */
class InvariantsTests {

	private static final AtomicLong offsets = new AtomicLong();

	private static final Map<String, Integer> ONE_MUG = Map.of("MUG-001", 1);

	@Test
	void aShippedOrderEveryServiceAgreesOnHolds() {
		assertThat(Invariants.orders(List.of(shipped()))).isEmpty();
		assertThat(Invariants.orders(List.of(rejected(), cancelled(Map.of())))).isEmpty();
	}

	@Test
	void anOrderConfirmedInOrderServiceButReleasedInInventoryFails() {
		OrderTrail trail = new OrderTrail(UUID.randomUUID(), "CONFIRMED", "RELEASED", "READY_TO_DISPATCH",
				Set.of("CONFIRMED"), mails("ORDER_RECEIVED", "ORDER_CONFIRMED"), ONE_MUG);
		assertThat(Invariants.orders(List.of(trail))).singleElement().asString().contains("not in a final state");
	}

	@Test
	void aShippedOrderWhoseUnitsInventoryReleasedFails() {
		OrderTrail trail = with(shipped(), "RELEASED", "DISPATCHED", Set.of("CONFIRMED", "SHIPPED"));
		assertThat(Invariants.orders(List.of(trail))).singleElement().asString().contains("disagree");
	}

	@Test
	void aCancelledOrderThatShippingDispatchedFails() {
		OrderTrail cancelled = cancelled(Map.of());
		OrderTrail trail = with(cancelled, "RELEASED", "DISPATCHED", cancelled.outcomes());
		assertThat(Invariants.orders(List.of(trail))).singleElement().asString().contains("disagree");
	}

	@Test
	void anAnalyticsOutcomeOtherThanTheOrdersFails() {
		OrderTrail trail = with(shipped(), "SHIPPED", "DISPATCHED", Set.of("CONFIRMED", "SHIPPED", "CANCELLED"));
		assertThat(Invariants.orders(List.of(trail))).singleElement().asString().contains("disagree");
	}

	@Test
	void anOrderMissingInAConsumerFails() {
		OrderTrail trail = with(shipped(), "SHIPPED", null, Set.of("CONFIRMED", "SHIPPED"));
		assertThat(Invariants.orders(List.of(trail))).singleElement().asString().contains("missing");
	}

	@Test
	void anAcceptedOrderOrderServiceForgotFails() {
		OrderTrail trail = new OrderTrail(UUID.randomUUID(), null, null, null, null, Map.of(), Map.of());
		assertThat(Invariants.orders(List.of(trail))).singleElement().asString().contains("unknown to order-service");
	}

	@Test
	void anEmailTwiceInTheMailboxFails() {
		Map<String, Integer> twice = new HashMap<>(shipped().mails());
		twice.put("ORDER_SHIPPED", 2);
		OrderTrail trail = withMails(shipped(), twice);
		assertThat(Invariants.orders(List.of(trail))).singleElement()
			.asString()
			.contains("ORDER_SHIPPED e-mail reached the mailbox 2 times");
	}

	@Test
	void anEmailNeverSentOrOfTheWrongKindFails() {
		OrderTrail missing = withMails(shipped(), mails("ORDER_RECEIVED", "ORDER_CONFIRMED"));
		OrderTrail wrongKind = withMails(rejected(), mails("ORDER_RECEIVED", "ORDER_REJECTED", "ORDER_CANCELLED"));
		assertThat(Invariants.orders(List.of(missing, wrongKind))).hasSize(2);
		assertThat(Invariants.owedMailArrived(missing)).isFalse();
	}

	@Test
	void aShippedOrderInventoryHasNotYetShippedIsWaitedFor() {
		assertThat(Invariants.consumersCaughtUp(shipped())).isTrue();
		assertThat(Invariants.consumersCaughtUp(rejected())).isTrue();
		assertThat(Invariants.consumersCaughtUp(cancelled(Map.of()))).isTrue();
		OrderTrail reserved = with(shipped(), "RESERVED", "DISPATCHED", Set.of("CONFIRMED", "SHIPPED"));
		OrderTrail ready = with(shipped(), "SHIPPED", "READY_TO_DISPATCH", Set.of("CONFIRMED", "SHIPPED"));
		OrderTrail unrecorded = with(shipped(), "SHIPPED", "DISPATCHED", Set.of("CONFIRMED"));
		assertThat(List.of(reserved, ready, unrecorded)).noneMatch(Invariants::consumersCaughtUp);
	}

	@Test
	void aCancelledOrderMayHaveBeenConfirmedOnceButNotTwice() {
		assertThat(Invariants.orders(List.of(cancelled(Map.of("ORDER_CONFIRMED", 1))))).isEmpty();
		assertThat(Invariants.orders(List.of(cancelled(Map.of("ORDER_CONFIRMED", 2))))).hasSize(1);
	}

	@Test
	void stockWithEveryUnitAccountedForHolds() {
		Map<String, StockLevel> before = stock(100, 0, 0);
		Map<String, StockLevel> during = stock(97, 2, 1);
		Map<String, StockLevel> after = stock(96, 0, 4);
		assertThat(Invariants.stock(before, List.of(during), after, Map.of("MUG-001", 4))).isEmpty();
	}

	@Test
	void aUnitMissingAtTheEndFails() {
		Map<String, StockLevel> after = stock(95, 0, 4);
		assertThat(Invariants.stock(stock(100, 0, 0), List.of(), after, Map.of("MUG-001", 4))).singleElement()
			.asString()
			.contains("100 units before, 99");
	}

	@Test
	void aUnitMissingOrNegativeOnlyDuringTheRunFails() {
		Map<String, StockLevel> before = stock(100, 0, 0);
		Map<String, StockLevel> after = stock(100, 0, 0);
		assertThat(Invariants.stock(before, List.of(stock(98, 1, 0)), after, Map.of())).singleElement()
			.asString()
			.contains("100 units before, 99");
		assertThat(Invariants.stock(before, List.of(stock(101, -1, 0)), after, Map.of())).singleElement()
			.asString()
			.contains("negative");
	}

	@Test
	void shippedUnitsReturnedToAvailableStockFail() {
		// Units of shipped orders counted available again: the total still adds up.
		Map<String, StockLevel> after = stock(100, 0, 0);
		assertThat(Invariants.stock(stock(100, 0, 0), List.of(), after, Map.of("MUG-001", 3))).singleElement()
			.asString()
			.contains("orders that ended SHIPPED took 3 units, the stock shipped 0");
	}

	@Test
	void unitsLeftReservedOnceEveryOrderIsDecidedFail() {
		assertThat(Invariants.stock(stock(100, 0, 0), List.of(), stock(98, 2, 0), Map.of())).singleElement()
			.asString()
			.contains("reserved");
	}

	@Test
	void exactlyThePoisonInExactlyItsGroupsHolds() {
		Map<String, List<DeadLetterDesk.Letter>> letters = Map.of("inventory", List.of(letter("inventory", "p1")),
				"analytics", List.of(letter("analytics", "p1"), letter("analytics", "bug")), "order", List.of());
		Map<String, Set<String>> expected = Map.of("inventory", Set.of("p1"), "analytics", Set.of("p1", "bug"));
		assertThat(Invariants.deadLetters(letters, expected)).isEmpty();
	}

	@Test
	void aGoodEventInADeadLetterTopicFails() {
		Map<String, List<DeadLetterDesk.Letter>> letters = Map.of("shipping", List.of(letter("shipping", "good")));
		assertThat(Invariants.deadLetters(letters, Map.of())).singleElement()
			.asString()
			.contains("good event dead-lettered");
	}

	@Test
	void poisonMissingFromAGroupOrDeadLetteredTwiceFails() {
		Map<String, Set<String>> expected = Map.of("inventory", Set.of("p1"), "email", Set.of("p1"));
		Map<String, List<DeadLetterDesk.Letter>> missing = Map.of("inventory", List.of(letter("inventory", "p1")));
		assertThat(Invariants.deadLetters(missing, expected)).singleElement()
			.asString()
			.contains("email: record p1 dead-lettered 0 times");
		Map<String, List<DeadLetterDesk.Letter>> twice = Map.of("inventory",
				List.of(letter("inventory", "p1"), letter("inventory", "p1")), "email", List.of(letter("email", "p1")));
		assertThat(Invariants.deadLetters(twice, expected)).singleElement().asString().contains("2 times");
	}

	@Test
	void poisonInAGroupItDoesNotBelongToFails() {
		Map<String, List<DeadLetterDesk.Letter>> letters = Map.of("order", List.of(letter("order", "p1")));
		assertThat(Invariants.deadLetters(letters, Map.of("order", Set.of()))).hasSize(1);
	}

	private static OrderTrail shipped() {
		return new OrderTrail(UUID.randomUUID(), "SHIPPED", "SHIPPED", "DISPATCHED", Set.of("CONFIRMED", "SHIPPED"),
				mails("ORDER_RECEIVED", "ORDER_CONFIRMED", "ORDER_SHIPPED"), ONE_MUG);
	}

	private static OrderTrail rejected() {
		return new OrderTrail(UUID.randomUUID(), "REJECTED", "REJECTED", "CANCELLED", Set.of("REJECTED"),
				mails("ORDER_RECEIVED", "ORDER_REJECTED"), ONE_MUG);
	}

	private static OrderTrail cancelled(Map<String, Integer> extraMail) {
		Map<String, Integer> mail = new HashMap<>(mails("ORDER_RECEIVED", "ORDER_CANCELLED"));
		mail.putAll(extraMail);
		return new OrderTrail(UUID.randomUUID(), "CANCELLED", "RELEASED", "CANCELLED", Set.of("CONFIRMED", "CANCELLED"),
				mail, ONE_MUG);
	}

	private static OrderTrail with(OrderTrail trail, String reservation, @Nullable String shipment,
			@Nullable Set<String> outcomes) {
		return new OrderTrail(trail.orderId(), trail.status(), reservation, shipment, outcomes, trail.mails(),
				trail.units());
	}

	private static OrderTrail withMails(OrderTrail trail, Map<String, Integer> mails) {
		return new OrderTrail(trail.orderId(), trail.status(), trail.reservation(), trail.shipment(), trail.outcomes(),
				mails, trail.units());
	}

	private static Map<String, Integer> mails(String... kinds) {
		Map<String, Integer> mails = new HashMap<>();
		for (String kind : kinds) {
			mails.put(kind, 1);
		}
		return mails;
	}

	private static Map<String, StockLevel> stock(long available, long reserved, long shipped) {
		return Map.of("MUG-001", new StockLevel("MUG-001", available, reserved, shipped));
	}

	private static DeadLetterDesk.Letter letter(String group, String key) {
		return new DeadLetterDesk.Letter(group, "shop.orders.v1", 0, offsets.incrementAndGet(), key, null, "poison",
				"NEW");
	}

}
