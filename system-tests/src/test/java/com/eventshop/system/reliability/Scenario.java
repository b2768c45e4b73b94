package com.eventshop.system.reliability;

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
 * @param consumers handled, missing and duplicated per consumer
 * @param missing accepted orders missing anywhere (lost plus every consumer's missing)
 * @param duplicated effects applied more than once, all consumers together
 * @param firstHandledMillis from the end of the fault (a killed process started again, a
 * connection given back) until the side it hit handled its first event; null for the
 * control
 * @param recoveryMillis from the end of the fault until every accepted order was
 * accounted for; null for the control or when it never was
 * @param settleMillis from the end of the load until every accepted order was accounted
 * for; null when it never was
 * @param deadLetters records each consumer group dead-lettered during the scenario
 * @param checks further findings, one sentence each (filled in as the scenario checks
 * them)
 */
record Scenario(String name, String fault, int ordersPerSecond, double seconds, int accepted,
		Map<String, Integer> refused, int lost, int pending, List<Accounting.Consumer> consumers, int missing,
		int duplicated, @Nullable Long firstHandledMillis, @Nullable Long recoveryMillis, @Nullable Long settleMillis,
		Map<String, Integer> deadLetters, List<String> checks) {

	/** Records a finding, for the report. */
	void check(String finding) {
		synchronized (this.checks) {
			this.checks.add(finding);
		}
	}

}
