package com.eventshop.loadtests.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures the goals are judged by, each from one run: the machine's limits measured
 * in that run and the system's figures as ratios to them. Written beside each report, so
 * that several runs can be set side by side ({@link Spread}).
 *
 * @param bareSqlPerSecond the bare placement transaction through plain JDBC, per second
 * @param bareProducerPerSecond the bare Kafka producer, records per second
 * @param sustainableRate the probe's highest sustainable rate; {@code NaN} without a
 * probe
 * @param completedPerSecond completed orders per second in the sustained phase
 * @param completedVsSql that, as a share of the bare placement transaction's rate
 * @param cpuPerCompletedOrderMs CPU milliseconds per completed order, all processes
 * @param cpuVsBareTransaction that, as a multiple of the machine CPU of one bare
 * placement transaction
 * @param confirmedP99Ms {@code CONFIRMED} p99 after commit in the end-to-end phase
 * @param overloadCompletedVsSustained completed orders per second at twice the rate, as a
 * share of the sustained phase's; {@code NaN} without an overload phase
 * @param overloadAcceptedP99Ms accepted {@code POST} p99 in the overload phase
 * @param overloadRefusalP99Ms refusal ({@code 503}) p99 in the overload phase
 * @param drainVsProducer the outbox drain as a share of the bare producer
 * @param emailVsSmtp the e-mail service's rate as a share of the SMTP server's own
 */
public record GoalFigures(double bareSqlPerSecond, double bareProducerPerSecond, double sustainableRate,
		double completedPerSecond, double completedVsSql, double cpuPerCompletedOrderMs, double cpuVsBareTransaction,
		double confirmedP99Ms, double overloadCompletedVsSustained, double overloadAcceptedP99Ms,
		double overloadRefusalP99Ms, double drainVsProducer, double emailVsSmtp) {

	public static GoalFigures of(Results r) {
		double bareSql = r.jdbc().perSecond();
		Results.LoadPhase sustained = r.sustained();
		double completed = sustained.completion().completedPerSecond();
		double cpu = Results.cpuPerOrder(r.samples(), sustained.name(), sustained.completion().completed())
			.values()
			.stream()
			.mapToDouble(Double::doubleValue)
			.sum();
		double bareCpu = 1000.0 * r.machine().cores() / bareSql;
		Results.LoadPhase overload = r.overload();
		return new GoalFigures(bareSql, r.kafka().producedPerSecond(),
				(r.probe() != null) ? r.probe().sustainable() : Double.NaN, completed, completed / bareSql, cpu,
				cpu / bareCpu, r.endToEnd().endToEnd().toConfirmed().p99(),
				(overload != null) ? overload.completion().completedPerSecond() / Math.max(completed, 1e-9)
						: Double.NaN,
				(overload != null) ? overload.load().latency().p99() : Double.NaN,
				(overload != null) ? overload.load().refusal().p99() : Double.NaN,
				r.drain().perSecond() / r.kafka().producedPerSecond(), r.email().ratio());
	}

	/** The figures by a name a reader understands, in the order of the goals table. */
	public Map<String, Double> named() {
		Map<String, Double> named = new LinkedHashMap<>();
		named.put("bare placement SQL, tx/s", this.bareSqlPerSecond);
		named.put("bare Kafka producer, records/s", this.bareProducerPerSecond);
		named.put("highest sustainable rate, orders/s", this.sustainableRate);
		named.put("completed orders/s, sustained", this.completedPerSecond);
		named.put("completed orders/s ÷ bare SQL (goal ≥ 0.15)", this.completedVsSql);
		named.put("CPU ms per completed order", this.cpuPerCompletedOrderMs);
		named.put("CPU per order ÷ one bare transaction's (goal ≤ 6)", this.cpuVsBareTransaction);
		named.put("CONFIRMED p99 ms at half the rate (goal ≤ 250)", this.confirmedP99Ms);
		named.put("completed at 2 × ÷ sustained (goal ≥ 0.9)", this.overloadCompletedVsSustained);
		named.put("accepted POST p99 ms at 2 × (goal ≤ 50)", this.overloadAcceptedP99Ms);
		named.put("503 p99 ms at 2 × (goal ≤ 5)", this.overloadRefusalP99Ms);
		named.put("outbox drain ÷ bare producer (goal ≥ 0.4)", this.drainVsProducer);
		named.put("e-mails/s ÷ SMTP server's own (goal ≥ 0.5)", this.emailVsSmtp);
		return named;
	}

}
