package com.eventshop.system.reliability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * What must hold after every scenario, whatever the fault: checks a bug can break, each
 * returning what it found broken (empty when it holds). No I/O: {@link Accounting} reads
 * the state, these judge it, and {@code InvariantsTests} feeds each a broken state to
 * show it fails.
 * <p>
 * The one consistent final state of an order, across services:
 *
 * <pre>
 * order     | reservation                  | shipment   | analytics outcomes   | e-mails (exactly once; others never)
 * SHIPPED   | SHIPPED                      | DISPATCHED | CONFIRMED, SHIPPED   | RECEIVED, CONFIRMED, SHIPPED
 * REJECTED  | REJECTED                     | CANCELLED  | REJECTED             | RECEIVED, REJECTED
 * CANCELLED | RELEASED, CANCELLED, REJECTED| CANCELLED  | CANCELLED, no SHIPPED| RECEIVED, CANCELLED (CONFIRMED at most once)
 * </pre>
 */
final class Invariants {

	static final List<String> KINDS = List.of("ORDER_RECEIVED", "ORDER_CONFIRMED", "ORDER_REJECTED", "ORDER_SHIPPED",
			"ORDER_CANCELLED");

	private Invariants() {
	}

	/**
	 * Every accepted order in one final state, the same in every service, and told to its
	 * customer exactly once per kind of e-mail.
	 */
	static List<String> orders(Collection<OrderTrail> trails) {
		List<String> broken = new ArrayList<>();
		for (OrderTrail trail : trails) {
			String problem = order(trail);
			if (problem != null) {
				broken.add("order " + trail.orderId() + ": " + problem + " " + describe(trail));
			}
		}
		return broken;
	}

	private static @Nullable String order(OrderTrail trail) {
		if (trail.status() == null) {
			return "accepted (201) but unknown to order-service";
		}
		if (!trail.isFinal()) {
			return "not in a final state";
		}
		if (trail.reservation() == null || trail.shipment() == null || trail.outcomes() == null) {
			return "missing in a consumer";
		}
		Set<String> outcomes = trail.outcomes();
		boolean consistent = switch (trail.status()) {
			case "SHIPPED" -> "SHIPPED".equals(trail.reservation()) && "DISPATCHED".equals(trail.shipment())
					&& outcomes.equals(Set.of("CONFIRMED", "SHIPPED"));
			case "REJECTED" -> "REJECTED".equals(trail.reservation()) && "CANCELLED".equals(trail.shipment())
					&& outcomes.equals(Set.of("REJECTED"));
			case "CANCELLED" -> Set.of("RELEASED", "CANCELLED", "REJECTED").contains(trail.reservation())
					&& "CANCELLED".equals(trail.shipment()) && outcomes.contains("CANCELLED")
					&& !outcomes.contains("SHIPPED");
			default -> false;
		};
		if (!consistent) {
			return "services disagree on its final state";
		}
		Map<String, Integer> expected = expectedMails(trail.status());
		for (String kind : KINDS) {
			int got = trail.mails(kind);
			int want = expected.getOrDefault(kind, 0);
			boolean ok = (want >= 0) ? got == want : got <= 1;
			if (!ok) {
				return kind + " e-mail reached the mailbox " + got + " times";
			}
		}
		return null;
	}

	/**
	 * Whether every service has finished what the order's final state asks of it:
	 * inventory and shipping out of their in-between states and analytics holding the
	 * final outcome. Not a verdict ({@link #orders} judges whether they agree): the
	 * settle wait uses it so a consumer still working on the last event is waited for,
	 * not reported.
	 */
	static boolean consumersCaughtUp(OrderTrail trail) {
		if (!trail.isFinal() || trail.reservation() == null || trail.shipment() == null || trail.outcomes() == null) {
			return false;
		}
		boolean reservationDone = Set.of("SHIPPED", "REJECTED", "RELEASED", "CANCELLED").contains(trail.reservation());
		boolean shipmentDone = Set.of("DISPATCHED", "CANCELLED").contains(trail.shipment());
		return reservationDone && shipmentDone && trail.outcomes().contains(trail.status());
	}

	/**
	 * Whether every e-mail the order's final state owes its customer has reached the
	 * mailbox (more may have: {@link #orders} judges that).
	 */
	static boolean owedMailArrived(OrderTrail trail) {
		if (trail.status() == null) {
			return false;
		}
		return expectedMails(trail.status()).entrySet()
			.stream()
			.allMatch((owed) -> trail.mails(owed.getKey()) >= owed.getValue());
	}

	/** Per kind: exactly this many e-mails; -1 for "at most one". */
	private static Map<String, Integer> expectedMails(String status) {
		return switch (status) {
			case "SHIPPED" -> Map.of("ORDER_RECEIVED", 1, "ORDER_CONFIRMED", 1, "ORDER_SHIPPED", 1);
			case "REJECTED" -> Map.of("ORDER_RECEIVED", 1, "ORDER_REJECTED", 1);
			case "CANCELLED" -> Map.of("ORDER_RECEIVED", 1, "ORDER_CONFIRMED", -1, "ORDER_CANCELLED", 1);
			default -> Map.of();
		};
	}

	private static String describe(OrderTrail trail) {
		return "(order " + trail.status() + ", reservation " + trail.reservation() + ", shipment " + trail.shipment()
				+ ", analytics " + ((trail.outcomes() != null) ? new TreeSet<>(trail.outcomes()) : null) + ", mail "
				+ trail.mails() + ")";
	}

	/**
	 * Stock conserved per SKU: what was there before = available + reserved + shipped in
	 * every sample taken during the run and at the end, nothing ever negative, at least
	 * the units of the orders that ended SHIPPED gone out, and nothing left reserved once
	 * every order is decided.
	 * @param before the stock before the load
	 * @param samples reads taken during the run (each one statement, so consistent)
	 * @param after the stock once the scenario settled
	 * @param shippedUnits units per SKU of the accepted orders that ended SHIPPED
	 */
	static List<String> stock(Map<String, StockLevel> before, List<Map<String, StockLevel>> samples,
			Map<String, StockLevel> after, Map<String, Integer> shippedUnits) {
		List<String> broken = new ArrayList<>();
		Set<String> skus = new TreeSet<>(before.keySet());
		skus.addAll(after.keySet());
		List<Map<String, StockLevel>> reads = new ArrayList<>(samples);
		reads.add(after);
		for (String sku : skus) {
			StockLevel start = before.get(sku);
			StockLevel end = after.get(sku);
			if (start == null || end == null) {
				broken.add(sku + ": " + ((start == null) ? "appeared" : "disappeared") + " during the run");
				continue;
			}
			for (Map<String, StockLevel> read : reads) {
				StockLevel level = read.get(sku);
				if (level == null) {
					continue;
				}
				if (level.negative()) {
					broken.add(sku + ": negative stock " + level);
				}
				if (level.total() != start.total()) {
					broken.add(sku + ": " + start.total() + " units before, " + level.total()
							+ " available + reserved + shipped later " + level);
				}
			}
			long shipped = end.shipped() - start.shipped();
			int sold = shippedUnits.getOrDefault(sku, 0);
			if (shipped < sold) {
				broken.add(sku + ": orders that ended SHIPPED took " + sold + " units, the stock shipped " + shipped);
			}
			// Fewer reserved at the end is an earlier scenario's orders finishing; more
			// is
			// units held for orders that are all decided.
			if (end.reserved() > start.reserved()) {
				broken.add(sku + ": " + start.reserved() + " units reserved before, " + end.reserved()
						+ " once every order was decided");
			}
		}
		return broken;
	}

	/**
	 * Dead letters: each group's holds exactly the records expected there (poison and
	 * orders a deliberate bug fails), each exactly once, and nothing else (no good
	 * event).
	 * @param letters the dead letters each group got during the scenario
	 * @param expected the keys each group must have dead-lettered (absent: none)
	 */
	static List<String> deadLetters(Map<String, List<DeadLetterDesk.Letter>> letters,
			Map<String, Set<String>> expected) {
		List<String> broken = new ArrayList<>();
		Set<String> groups = new TreeSet<>(letters.keySet());
		groups.addAll(expected.keySet());
		for (String group : groups) {
			Set<String> wanted = expected.getOrDefault(group, Set.of());
			Map<String, Integer> counts = new HashMap<>();
			for (DeadLetterDesk.Letter letter : letters.getOrDefault(group, List.of())) {
				String key = String.valueOf(letter.key());
				counts.merge(key, 1, Integer::sum);
				if (!wanted.contains(key)) {
					broken.add(group + ": good event dead-lettered, key " + key + " on " + letter.topic() + " ("
							+ letter.reason() + ")");
				}
			}
			for (String key : new TreeSet<>(wanted)) {
				int count = counts.getOrDefault(key, 0);
				if (count != 1) {
					broken.add(group + ": record " + key + " dead-lettered " + count + " times, expected once");
				}
			}
		}
		return broken;
	}

}
