package com.eventshop.loadtests.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.eventshop.loadtests.baseline.IdentityCost;
import com.eventshop.loadtests.baseline.JdbcBaseline;
import com.eventshop.loadtests.baseline.KafkaBaseline;
import com.eventshop.loadtests.baseline.SmtpBaseline;
import com.eventshop.loadtests.load.OpenLoad;
import com.eventshop.loadtests.measure.Completions;
import com.eventshop.loadtests.measure.Latencies.Summary;
import com.eventshop.loadtests.measure.Pipeline;
import com.eventshop.loadtests.measure.ProcessStats;
import com.eventshop.loadtests.measure.Sampler.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTests {

	private static final Topology SINGLE = new Topology(1, 1, 1, Map.of("order", 1, "inventory", 1));

	private static final Topology SCALED = new Topology(3, 3, 2, Map.of("order", 2, "inventory", 2));

	@TempDir
	Path folder;

	@Test
	void writesTheReportItsChartsAndTheRawFigures() throws Exception {
		Path markdown = new Report(results(40, 180, 5_000, 300), null).write(this.folder);
		assertThat(markdown.getFileName()).hasToString("2026-11-22-after.md");
		assertThat(this.folder.resolve("2026-11-22-after-latency.svg")).content().startsWith("<svg");
		assertThat(this.folder.resolve("2026-11-22-after-lag.svg")).content().contains("lag inventory");
		JsonNode json = JsonMapper.builder().build().readTree(this.folder.resolve("2026-11-22-after.json").toFile());
		assertThat(json.get("drain").get("perSecond").asDouble()).isEqualTo(5_000);
		assertThat(Files.readString(markdown)).contains("![POST latency per second](2026-11-22-after-latency.svg)",
				"| order placement | 1,500 orders/s");
	}

	@Test
	void goalsReachedAreMarkedMet() {
		String text = new Report(results(40, 180, 30_000, 300), null).markdown("x");
		assertThat(goal(text, "completed orders/s sustained")).contains("800 completed/s = 0.267 ×", "**met**");
		assertThat(goal(text, "CPU per completed order")).contains("**met**");
		assertThat(goal(text, "`CONFIRMED` p99")).contains("180 ms at 300/s", "**met**");
		assertThat(goal(text, "outbox drain ≥ 0.4")).contains("30,000 events/s = 0.50 ×", "**met**");
		assertThat(goal(text, "e-mails/s ≥ 0.5")).contains("1,000/s", "2,000/s", "0.50 ×", "**met**");
	}

	@Test
	void goalsMissedAreMarkedNotMetWithTheirFigure() {
		String text = new Report(results(80, 400, 5_000, 60), null).markdown("x");
		assertThat(goal(text, "completed orders/s sustained")).contains("not shown (the phase was shorter than 5 min)");
		assertThat(goal(text, "`CONFIRMED` p99")).contains("400 ms at 300/s", "**not met**");
		assertThat(goal(text, "outbox drain ≥ 0.4")).contains("5,000 events/s = 0.08 ×", "**not met**");
		assertThat(goal(text, "at 2 × the sustainable rate")).contains("the overload phase was left out");
	}

	@Test
	void everyArrivalIsCountedOnceByWhatBecameOfIt() {
		OpenLoad.Result result = new OpenLoad.Result(100, 10, 1_000, 700, 200, 40, 35, 25, 70, Summary.EMPTY,
				Summary.EMPTY, List.of());
		assertThat(result.accepted() + result.failed()).isEqualTo(result.scheduled());
		String text = new Report(results(40, 180, 30_000, 300), null).markdown("x");
		assertThat(text).contains(
				"| asked for | arrivals | accepted/s | refused 503 | other status | unanswered " + "| not sent |");
	}

	@Test
	void saysWhetherTheLatenciesRunFromCommitToCommit() {
		assertThat(new Report(results(40, 180, 12_000, 300, true), null).markdown("x"))
			.contains("commit times (`track_commit_timestamp`)")
			.doesNotContain("not their commits");
		assertThat(new Report(results(40, 180, 12_000, 300, false), null).markdown("x"))
			.contains("the times rows were written, not their commits");
	}

	@Test
	void anEarlierRunIsShownBesideThisOne() throws Exception {
		Report before = new Report(results(80, 400, 5_000, 60), null);
		before.write(this.folder);
		JsonNode earlier = JsonMapper.builder().build().readTree(this.folder.resolve("2026-11-22-after.json").toFile());
		String text = new Report(results(40, 180, 12_000, 300), earlier).markdown("x");
		assertThat(text).contains("## Before and after", "| outbox drain, events/s | 5,000 | 12,000 |",
				"| end to end 300/s: inventory p99 ms | 400.0 | 180.0 |");
	}

	@Test
	void theBestIntakeIsTheHighestRateKeptUpWithWithinTheBound() {
		List<OpenLoad.Result> steps = List.of(step(300, 300, 10), step(600, 598, 20), step(900, 700, 30),
				step(1200, 1190, 60));
		assertThat(Report.bestIntake(steps, 50).rate()).isEqualTo(600);
		assertThat(Report.bestIntake(steps, 5)).isNull();
	}

	@Test
	void usageIsCpuTimeOverWallTimePerPhase() {
		List<Sample> samples = List.of(sample(0, "a", 1_000, 100_000), sample(1, "a", 1_500, 120_000),
				sample(2, "a", 2_000, 110_000), sample(3, "b", 2_000, 110_000), sample(4, "b", 2_100, 90_000));
		Map<String, Map<String, Results.Usage>> usage = Results.usage(samples);
		assertThat(usage.get("a").get("order")).isEqualTo(new Results.Usage(50.0, 120_000 / 1024.0));
		assertThat(usage.get("b").get("order").cpuPercent()).isEqualTo(10.0);
	}

	@Test
	void theCostOfATokenCheckAndOfTheGatewaysHopIsReported() {
		String text = new Report(results(40, 180, 30_000, 300), null).markdown("x");
		assertThat(text).contains("## Identity: a token check and the gateway's hop", "**150 µs of CPU**",
				"the edge spent 0.80 ms of CPU per relayed request");
	}

	@Test
	void theRebuildsRateAndTheTracingSettingAreReported() {
		String text = new Report(results(40, 180, 30_000, 300), null).markdown("x");
		assertThat(text).contains("## Analytics rebuild", "It ended **SWAPPED** after 80.0 s: 400,012 records read of "
				+ "a history of 400,000, 300,000 events applied", "**5,000 events/s**");
		assertThat(text).contains("The services traced a share of 0.1 of the requests",
				"**order** (100 samples): tracing 4 %");
	}

	@Test
	void aServiceWhoseRecordingIsMissingIsNamedWithTheReasonAndTheOthersStillReported() {
		Results base = results(40, 180, 30_000, 300);
		Results gap = new Results(base.date(), base.label(), base.machine(), base.topology(), base.settings(),
				base.jdbc(), base.kafka(), base.identity(), base.intake(), base.probe(), base.endToEnd(),
				base.sustained(), base.overload(), base.drain(), base.email(), base.rebuild(),
				new TreeMap<>(Map.of("order", base.profiles().get("order"), "email",
						JfrProfile.Profile.missing("process 4242 exited during the run"))),
				base.refusals(), base.samples(), base.loadAverageAtEnd());

		String text = new Report(gap, null).markdown("x");

		assertThat(text).contains("**email**: no recording (process 4242 exited during the run).",
				"**order** (100 samples): tracing 4 %");
	}

	@Test
	void refusalsAreReportedByPhaseAndReason() {
		String text = new Report(results(40, 180, 30_000, 300), null).markdown("x");
		assertThat(text).contains("## Refusals by reason", "| intake 1500/s | in-flight 1,200, saga-delay 34 |");
	}

	@Test
	void theProbeShowsEveryRateTriedAndWhyItStopped() {
		String text = new Report(results(40, 180, 30_000, 300), null).markdown("x");
		assertThat(text).contains("Highest flat rate: **800 orders/s**",
				"| 800/s | 800 | 100.0 % | 0.5 | inventory | yes |",
				"| 1000/s | 900 | 90.0 % | 40.0 | e-mail backlog | **no** |");
	}

	@Test
	void aProbeWithNoFlatStepSaysSoInsteadOfARateOfZero() {
		Results base = results(40, 180, 30_000, 300);
		Results none = new Results(base.date(), base.label(), base.machine(), base.topology(), base.settings(),
				base.jdbc(), base.kafka(), base.identity(), base.intake(),
				new Results.Probe(List.of(new Results.ProbeStep(20, 18, 0.887, 15.5, "order", false)), 0),
				base.endToEnd(), base.sustained(), base.overload(), base.drain(), base.email(), base.rebuild(),
				base.profiles(), base.refusals(), base.samples(), base.loadAverageAtEnd());

		String text = new Report(none, null).markdown("x");

		assertThat(text).contains("**None of the rates tried was flat**, not even the first (20/s)",
				"| 20/s | 18 | 88.7 % | 15.5 | order | **no** |");
		assertThat(text).doesNotContain("Highest flat rate");
	}

	@Test
	void cpuPerOrderCountsAProcessThatDiedOrRestartedDuringThePhase() {
		List<Sample> samples = List.of(
				new Sample(0, "load", Map.of(), 0,
						Map.of("a", new ProcessStats.Reading(1_000, 1), "b", new ProcessStats.Reading(500, 1))),
				new Sample(1, "load", Map.of(), 0,
						Map.of("a", new ProcessStats.Reading(1_400, 1), "b", new ProcessStats.Reading(700, 1))),
				// b was killed and restarted: its new JVM has spent 100 ms so far
				new Sample(2, "settle", Map.of(), 0,
						Map.of("a", new ProcessStats.Reading(1_600, 1), "b", new ProcessStats.Reading(100, 1))),
				// a died and is gone from the last reading
				new Sample(3, "settle", Map.of(), 0, Map.of("b", new ProcessStats.Reading(300, 1))),
				new Sample(4, "next", Map.of(), 0, Map.of("b", new ProcessStats.Reading(900, 1))));
		Map<String, Double> perOrder = Results.cpuPerOrder(samples, "load", 100);
		assertThat(perOrder).containsEntry("a", 6.0).containsEntry("b", 5.0);
	}

	@Test
	void theFootprintOfEveryProcessAndItsTotalAreReported() {
		String text = new Report(results(40, 180, 30_000, 300, true, "", SINGLE,
				usageSamples(Map.of("kafka", 240_000L, "order", 480_000L))), null)
			.markdown("x");
		assertThat(text).contains("Ran on the **single** stack: one Kafka broker (replication 1",
				"the bare Kafka producer (60,000 records/s, acks=all, on a topic of 6 partitions, replication 1, "
						+ "min.insync.replicas 1)",
				"## Footprint", "| kafka | 100 |", "| order | 100 |", "| **the stack's processes** | **200** |");
		assertThat(text).doesNotContain("Scaled beside single", "The same per role");
	}

	@Test
	void aScaledRunSaysWhichStackItRanOnSumsPerRoleAndSitsBesideTheSingleRunOfTheDay() throws Exception {
		new Report(results(40, 180, 30_000, 300, true, "", SINGLE,
				usageSamples(Map.of("kafka", 240_000L, "order", 480_000L))), null)
			.write(this.folder);
		Path scaled = new Report(results(40, 180, 30_000, 300, true, "scaled", SCALED, usageSamples(Map.of("kafka",
				200_000L, "kafka-2", 200_000L, "kafka-3", 200_000L, "order", 300_000L, "order-2", 300_000L))), null)
			.write(this.folder);
		assertThat(scaled.getFileName()).hasToString("2026-11-22-scaled.md");
		String text = Files.readString(scaled);
		assertThat(text).contains(
				"Ran on the **scaled** stack: 3 Kafka brokers (event topics with replication 3, "
						+ "min.insync.replicas 2), 2 instances of each service",
				"scratch topic of 6 partitions, replication 3, min.insync.replicas 2");
		// 240,000 orders completed in the sustained phase
		assertThat(text).contains("| phase | kafka (3) | order (2) |", "| sustained 800/s | 2.50 | 2.50 |");
		assertThat(text).contains("| order (2) | 200 |", "| **the stack's processes** | **500** |");
		assertThat(text).contains("## Scaled beside single", "`2026-11-22`",
				"| CPU ms per completed order, all processes | 3.00 | 5.00 | **2.00** |",
				"| kafka | 1.00 (1) | 2.50 (3) | 1.50 |", "| order | 2.00 (1) | 2.50 (2) | 0.50 |",
				"| highest sustainable rate, orders/s | 800 | 800 | 0.00 |");
	}

	/**
	 * Samples from the intake to the outbox drain in which each process spends the given
	 * CPU milliseconds over the sustained phase and the settling after it, at 100 MiB
	 * each.
	 */
	private static List<Sample> usageSamples(Map<String, Long> cpuMillis) {
		List<Sample> samples = new java.util.ArrayList<>();
		String[] phases = { "intake 1500/s", "end to end 300/s", "sustained 800/s", "sustained 800/s", "settle",
				"outbox drain" };
		long[] shares = { 0, 0, 0, 1, 2, 2 };
		for (int i = 0; i < phases.length; i++) {
			Map<String, ProcessStats.Reading> processes = new TreeMap<>();
			long share = shares[i];
			cpuMillis.forEach(
					(process, millis) -> processes.put(process, new ProcessStats.Reading(millis * share / 2, 102_400)));
			samples.add(new Sample(i, phases[i], Map.of("inventory", 0L), 0, processes));
		}
		return samples;
	}

	private static String goal(String markdown, String start) {
		return markdown.lines().filter((l) -> l.startsWith("| ") && l.contains(start)).findFirst().orElseThrow();
	}

	private static Sample sample(double second, String phase, long cpuMillis, long rssKiB) {
		return new Sample(second, phase, Map.of("inventory", 0L), 0,
				Map.of("order", new ProcessStats.Reading(cpuMillis, rssKiB)));
	}

	private static OpenLoad.Result step(double rate, double accepted, double p99) {
		Summary latency = new Summary(1000, p99 / 2, p99 * 0.9, p99, p99 * 2);
		long scheduled = (long) (rate * 20);
		long acceptedOrders = (long) (accepted * 20);
		return new OpenLoad.Result(rate, 20, scheduled, acceptedOrders, scheduled - acceptedOrders, 0, 0, 0, accepted,
				latency, Summary.EMPTY, List.of(latency));
	}

	private static Results results(double intakeP99, double endToEndP99, double drainPerSecond, int sustainedSeconds) {
		return results(intakeP99, endToEndP99, drainPerSecond, sustainedSeconds, true);
	}

	private static Results results(double intakeP99, double endToEndP99, double drainPerSecond, int sustainedSeconds,
			boolean commitTimes) {
		return results(intakeP99, endToEndP99, drainPerSecond, sustainedSeconds, commitTimes, "after", SINGLE,
				List.of(sample(0, "intake 1500/s", 0, 1000), sample(1, "intake 1500/s", 100, 1000),
						sample(2, "end to end 300/s", 200, 1000), sample(3, "sustained 800/s", 300, 1000)));
	}

	private static Results results(double intakeP99, double endToEndP99, double drainPerSecond, int sustainedSeconds,
			boolean commitTimes, String label, Topology topology, List<Sample> samples) {
		Summary e2e = new Summary(18_000, endToEndP99 / 4, endToEndP99 / 2, endToEndP99, endToEndP99 * 2);
		Pipeline.EndToEnd endToEnd = new Pipeline.EndToEnd(18_000, e2e,
				Map.of("inventory", e2e, "email", e2e, "shipping", e2e, "analytics", e2e), Map.of("inventory", 0), e2e,
				commitTimes);
		Map<String, Pipeline.Throughput> throughput = Map.of("inventory", new Pipeline.Throughput(48_000, 800, 900));
		OpenLoad.Result e2eLoad = step(300, 300, intakeP99);
		OpenLoad.Result sustainedLoad = new OpenLoad.Result(800, sustainedSeconds, 800L * sustainedSeconds,
				800L * sustainedSeconds, 0, 0, 0, 0, 800, e2e, Summary.EMPTY, List.of(e2e));
		int orders = 800 * sustainedSeconds;
		Completions.Summary completed = new Completions.Summary(orders, orders, 800, e2e);
		return new Results("2026-11-22", label,
				new Machine("Test CPU", 2, 23.4, "Linux 6", "Temurin 25", "PostgreSQL 15.18", "4.2.1", "0.5 0.4 0.3"),
				topology, Map.of("sustained-seconds", Integer.toString(sustainedSeconds), "tracing-sampling", "0.1"),
				new JdbcBaseline.Result(6, 15, 3_000, e2e, 0),
				new KafkaBaseline.Result(100_000, 600, 60_000, 90_000, 6, topology.replication(), topology.minInSync()),
				new IdentityCost.Result(150, 20_000, "/api/products", e2e, e2e, 0.8),
				List.of(step(1500, 1500, intakeP99)),
				new Results.Probe(List.of(new Results.ProbeStep(800, 800, 1, 0.5, "inventory", true),
						new Results.ProbeStep(1000, 900, 0.9, 40, "e-mail backlog", false)), 800),
				new Results.LoadPhase("end to end 300/s", e2eLoad, endToEnd, throughput, Map.of("inventory", 0.1),
						Map.of("inventory", 40L), 12, 1.5, new Completions.Summary(18_000, 18_000, 300, e2e)),
				new Results.LoadPhase("sustained 800/s", sustainedLoad, endToEnd, throughput, Map.of("inventory", 0.5),
						Map.of("inventory", 400L), 300, 2.0, completed),
				null, new Results.Drain(100_000, 100_000 / drainPerSecond, drainPerSecond, 0.2),
				new Results.EmailCapacity(new SmtpBaseline.Result(4, 5_000, 0, 2.5, 2_000),
						new Results.Drain(5_000, 5, 1_000, 0.1)),
				new Results.Rebuild("SWAPPED", 400_000, 400_012, 300_000, 80.0, 5_000.2, null),
				Map.of("order", new JfrProfile.Profile(100, Map.of("tracing", 4.0), Map.of())),
				Map.of("intake 1500/s", Map.of("in-flight", 1_200L, "saga-delay", 34L)), samples, "1.9 1.2 0.8");
	}

}
