package com.eventshop.system.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one scenario did and found: the load, the fault, and the accounting once settled
 * (or when the settle timeout ran out).
 *
 * @param name the scenario
 * @param fault what was done to the system, "none" for the control
 * @param ordersPerSecond the load's rate
 * @param seconds how long the load ran
 * @param accepted orders answered 201
 * @param refused other answers by status
 * @param lost accepted orders order-service does not know
 * @param pending accepted orders still PENDING at the end
 * @param consumers per service, the accepted orders it holds a row for and those it does
 * not
 * @param missing accepted orders some service (or the mailbox) holds nothing for
 * @param duplicated accepted orders with an e-mail of one kind in the mailbox twice or
 * more
 * @param firstHandledMillis from the end of the fault (a killed process started again, a
 * connection given back) until the side it hit handled its first event; null for the
 * control
 * @param recoveryMillis from the end of the fault until every accepted order was
 * accounted for; null for the control or when it never was
 * @param settleMillis from the end of the load until every accepted order was accounted
 * for; null when it never was
 * @param deadLetters records each consumer group dead-lettered during the scenario
 * @param statuses the accepted orders by order-service's final status
 * @param violations every invariant found broken ({@link Invariants}), one line each;
 * empty when all hold
 * @param checks further findings, one sentence each (filled in as the scenario checks
 * them)
 */
record Scenario(String name, String fault, int ordersPerSecond, double seconds, int accepted,
		Map<String, Integer> refused, int lost, int pending, List<Accounting.Consumer> consumers, int missing,
		int duplicated, @Nullable Long firstHandledMillis, @Nullable Long recoveryMillis, @Nullable Long settleMillis,
		Map<String, Integer> deadLetters, Map<String, Integer> statuses, List<String> violations, List<String> checks) {

	/** A scenario that placed no orders (a probe of its own). */
	static Scenario probe(String name, String fault, double seconds, int accepted, Map<String, Integer> refused) {
		return new Scenario(name, fault, 0, seconds, accepted, refused, 0, 0, List.of(), 0, 0, null, null, null,
				Map.of(), Map.of(), List.of(), new ArrayList<>());
	}

	/** Records a finding, for the report. */
	void check(String finding) {
		synchronized (this.checks) {
			this.checks.add(finding);
		}
	}

}
