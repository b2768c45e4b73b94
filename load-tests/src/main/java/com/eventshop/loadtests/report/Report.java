package com.eventshop.loadtests.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.eventshop.loadtests.baseline.IdentityCost;
import com.eventshop.loadtests.load.OpenLoad;
import com.eventshop.loadtests.measure.Completions;
import com.eventshop.loadtests.measure.Latencies.Summary;
import com.eventshop.loadtests.measure.Pipeline;
import com.eventshop.loadtests.measure.Sampler.Sample;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's report: {@code <date>[-label].md} with the figures, the goals and the
 * ratios to the machine's limits, two SVG charts beside it, and the raw figures as JSON.
 */
public final class Report {

	/** Intake counts as keeping up with a rate when it accepts this share of it. */
	static final double KEEPING_UP = 0.98;

	private final Results results;

	private final @Nullable JsonNode before;

	/**
	 * @param results this run
	 * @param before the raw figures of an earlier run to compare with, if any
	 */
	public Report(Results results, @Nullable JsonNode before) {
		this.results = results;
		this.before = before;
	}

	/** Writes the files into {@code folder}; returns the Markdown file. */
	public Path write(Path folder) throws IOException {
		Files.createDirectories(folder);
		String name = this.results.date() + (this.results.label().isBlank() ? "" : "-" + this.results.label());
		Files.writeString(folder.resolve(name + "-latency.svg"), latencyChart());
		Files.writeString(folder.resolve(name + "-lag.svg"), lagChart());
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(folder.resolve(name + ".json"), json.writeValueAsString(this.results));
		Files.writeString(folder.resolve(name + "-goals.json"),
				json.writeValueAsString(GoalFigures.of(this.results).named()));
		Path markdown = folder.resolve(name + ".md");
		String sideBySide = this.results.topology().isScaled() ? SideBySide.section(folder, name, this.results) : "";
		Files.writeString(markdown, markdown(name, sideBySide));
		return markdown;
	}

	String markdown(String name) {
		return markdown(name, "");
	}

	/**
	 * @param name the report's file name without its extension
	 * @param sideBySide a scaled run's section beside a single-stack run; empty for none
	 */
	String markdown(String name, String sideBySide) {
		Results r = this.results;
		Markdown md = new Markdown();
		md.line("# Benchmark %s%s", r.date(), r.label().isBlank() ? "" : " (" + r.label() + ")");
		md.line();
		md.line("Ran on %s.", r.topology().describe());
		md.line();
		md.line("Written by `scripts/benchmark.sh` (module `load-tests`). Every figure comes from this one run on "
				+ "this one machine, the machine's limits included, so the ratios mean something on any hardware. "
				+ "Latencies of the end-to-end figures are read from the services' databases, which share one "
				+ "PostgreSQL server and so one clock: "
				+ (r.endToEnd().endToEnd().commitTimes()
						? "commit times (`track_commit_timestamp`), so they run from the order's commit to the "
								+ "commit of each consumer's effect."
						: "the times rows were written, not their commits (the server did not track commit "
								+ "times), so a consumer's figure leaves out the rest of its transaction."));
		md.line();
		md.line("![POST latency per second](%s-latency.svg)", name);
		md.line();
		md.line("![Consumer lag and outbox backlog](%s-lag.svg)", name);
		md.line();
		goals(md);
		md.text(sideBySide);
		comparison(md);
		machine(md);
		limits(md);
		identity(md);
		intake(md);
		probe(md);
		phase(md, r.endToEnd());
		phase(md, r.sustained());
		if (r.overload() != null) {
			phase(md, r.overload());
		}
		refusals(md);
		md.line("## Outbox drain");
		md.line();
		md.line("%,d outbox rows committed in one transaction (a type no consumer handles, so this measures the "
				+ "relay alone); the relay published them in %.1f s: **%,.0f events/s**; the first one %.2f s after "
				+ "the commit.", r.drain().events(), r.drain().seconds(), r.drain().perSecond(),
				r.drain().firstPublishedAfter());
		md.line();
		md.line("## E-mail");
		md.line();
		md.line("The SMTP server took %,d e-mails from a bare Jakarta Mail client over %d open connections in %.1f s: "
				+ "**%,.0f e-mails/s** (%,d refused). Then %,d due e-mails were written into the e-mail service's "
				+ "table in one transaction; it sent them in %.1f s: **%,.0f e-mails/s**, %.2f × the server's own "
				+ "rate.", r.email().smtp().sent(), r.email().smtp().connections(), r.email().smtp().seconds(),
				r.email().smtp().perSecond(), r.email().smtp().failures(), r.email().drain().events(),
				r.email().drain().seconds(), r.email().drain().perSecond(), r.email().ratio());
		md.line();
		rebuild(md);
		usage(md);
		md.text(Footprint.of(r.samples(), r.sustained().name()).markdown());
		profiles(md);
		md.line("## Settings of this run");
		md.line();
		md.line("| setting | value |");
		md.line("|---|---|");
		r.settings().forEach((key, value) -> md.line("| `%s` | `%s` |", key, value));
		md.line();
		md.line("Raw figures: [%s.json](%s.json).", name, name);
		return md.toString();
	}

	/**
	 * The goals of "Finish what you accept", each a ratio to a limit measured in this
	 * same run, so that a slower or faster day on the same machine moves both sides.
	 */
	private void goals(Markdown md) {
		Results r = this.results;
		GoalFigures f = GoalFigures.of(r);
		md.line("## Goals");
		md.line();
		md.line("Each goal is a ratio to a limit measured in this run: the bare placement transaction through "
				+ "plain JDBC (%,.0f tx/s), the bare Kafka producer (%,.0f records/s, acks=all, on a topic of %s).",
				f.bareSqlPerSecond(), f.bareProducerPerSecond(), r.kafka().topicSettings());
		md.line();
		md.line("| goal | measured | met |");
		md.line("|---|---|---|");
		Results.LoadPhase s = r.sustained();
		Completions.Summary done = s.completion();
		double maxSlope = s.lagSlope().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
		boolean flat = maxSlope <= 0.01 * s.load().rate();
		md.line("| completed orders/s sustained 5 min, every lag flat, e-mails delivered ≥ 0.15 × bare placement SQL "
				+ "(%,.0f/s) | %,.0f completed/s = %.3f × (%,d of %,d orders completed; asked %.0f/s for %.0f s; "
				+ "steepest lag growth %.1f records/s) | %s |", 0.15 * f.bareSqlPerSecond(), f.completedPerSecond(),
				f.completedVsSql(), done.completed(), done.placed(), s.load().rate(), s.load().seconds(), maxSlope,
				(s.load().seconds() < 299) ? "not shown (the phase was shorter than 5 min)"
						: yes(flat && done.incomplete() == 0 && f.completedVsSql() >= 0.15));
		md.line("| CPU per completed order, all processes ≤ 6 × the machine CPU of one bare placement transaction "
				+ "(%.2f ms) | %.1f ms = %.1f × | %s |", 1000.0 * r.machine().cores() / f.bareSqlPerSecond(),
				f.cpuPerCompletedOrderMs(), f.cpuVsBareTransaction(), yes(f.cpuVsBareTransaction() <= 6));
		Results.LoadPhase e = r.endToEnd();
		boolean half = e.load().rate() <= 0.5 * Math.max(f.completedPerSecond(), 1);
		md.line("| `CONFIRMED` p99 after commit ≤ 250 ms at half the sustainable rate | %.0f ms at %.0f/s (%s) | %s |",
				f.confirmedP99Ms(), e.load().rate(),
				half ? "at most half the sustained completion rate" : "above half the sustained completion rate",
				half ? yes(f.confirmedP99Ms() <= 250) : "not shown");
		Results.LoadPhase o = r.overload();
		if (o == null) {
			md.line("| at 2 × the sustainable rate: completed orders/s ≥ 0.9 × the sustainable rate; accepted `POST` "
					+ "p99 ≤ 50 ms, 503 p99 ≤ 5 ms, every lag flat | the overload phase was left out | not shown |");
		}
		else {
			double overloadSlope = o.lagSlope().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
			boolean met = f.overloadCompletedVsSustained() >= 0.9 && f.overloadAcceptedP99Ms() <= 50
					&& (o.load().refused() == 0 || f.overloadRefusalP99Ms() <= 5)
					&& overloadSlope <= 0.01 * o.load().rate();
			md.line("| at 2 × the sustainable rate: completed orders/s ≥ 0.9 × the sustainable rate; accepted `POST` "
					+ "p99 ≤ 50 ms, 503 p99 ≤ 5 ms, every lag flat | asked %.0f/s: %,.0f completed/s = %.2f × the "
					+ "sustained phase's; accepted p99 %.1f ms; %s; steepest lag growth %.1f records/s | %s |",
					o.load().rate(), o.completion().completedPerSecond(), f.overloadCompletedVsSustained(),
					f.overloadAcceptedP99Ms(),
					(o.load().refused() == 0) ? "none refused"
							: format("%,d refused, p99 %.1f ms", o.load().refused(), f.overloadRefusalP99Ms()),
					overloadSlope, yes(met));
		}
		md.line("| outbox drain ≥ 0.4 × bare producer (same record size) | %,.0f events/s = %.2f × | %s |",
				r.drain().perSecond(), f.drainVsProducer(), yes(f.drainVsProducer() >= 0.4));
		Results.EmailCapacity email = r.email();
		md.line("| e-mails/s ≥ 0.5 × the SMTP server's own capacity | the service sent a backlog at %,.0f/s; the server "
				+ "took %,.0f/s from a bare client over %d connections: %.2f × | %s |", email.drain().perSecond(),
				email.smtp().perSecond(), email.smtp().connections(), f.emailVsSmtp(), yes(f.emailVsSmtp() >= 0.5));
		md.line();
	}

	/**
	 * Key figures of this run beside those of the earlier one, read back from its JSON.
	 */
	private void comparison(Markdown md) {
		JsonNode b = this.before;
		if (b == null) {
			return;
		}
		Results r = this.results;
		JsonNode bIntake = b.get("intake");
		double bestBefore = 0;
		for (JsonNode step : bIntake) {
			bestBefore = Math.max(bestBefore, step.get("acceptedPerSecond").asDouble());
		}
		double bestNow = r.intake().stream().mapToDouble(OpenLoad.Result::acceptedPerSecond).max().orElse(0);
		md.line("## Before and after (%s → this run)", b.get("date").asString() + " " + b.get("label").asString());
		md.line();
		md.line("| figure | before | after |");
		md.line("|---|---|---|");
		md.line("| intake: most orders/s accepted | %,.0f | %,.0f |", bestBefore, bestNow);
		compare(md, "%s: `POST` p99 ms", "endToEnd", r.endToEnd(), b, (p) -> p.path("load").path("latency").path("p99"),
				(p) -> p.load().latency().p99());
		compare(md, "%s: relay delay p99 ms", "endToEnd", r.endToEnd(), b,
				(p) -> p.path("endToEnd").path("relayDelay").path("p99"), (p) -> p.endToEnd().relayDelay().p99());
		for (String consumer : Pipeline.CONSUMERS.keySet()) {
			compare(md, "%s: " + consumer + " p99 ms", "endToEnd", r.endToEnd(), b,
					(p) -> p.path("endToEnd").path("consumers").path(consumer).path("p99"),
					(p) -> p.endToEnd().consumers().get(consumer).p99());
		}
		compare(md, "%s: to `CONFIRMED` p50 ms", "endToEnd", r.endToEnd(), b,
				(p) -> p.path("endToEnd").path("toConfirmed").path("p50"), (p) -> p.endToEnd().toConfirmed().p50());
		compare(md, "%s: to `CONFIRMED` p99 ms", "endToEnd", r.endToEnd(), b,
				(p) -> p.path("endToEnd").path("toConfirmed").path("p99"), (p) -> p.endToEnd().toConfirmed().p99());
		compare(md, "%s: orders/s accepted", "sustained", r.sustained(), b,
				(p) -> p.path("load").path("acceptedPerSecond"), (p) -> p.load().acceptedPerSecond());
		compare(md, "%s: order group events/s", "sustained", r.sustained(), b,
				(p) -> p.path("throughput").path("order").path("average"),
				(p) -> p.throughput().containsKey("order") ? p.throughput().get("order").average() : Double.NaN);
		compare(md, "%s: order group lag growth, records/s", "sustained", r.sustained(), b,
				(p) -> p.path("lagSlope").path("order"), (p) -> p.lagSlope().getOrDefault("order", Double.NaN));
		md.line("| outbox drain, events/s | %,.0f | %,.0f |", b.get("drain").path("perSecond").asDouble(),
				r.drain().perSecond());
		md.line();
	}

	private static void compare(Markdown md, String label, String field, Results.LoadPhase now, JsonNode before,
			java.util.function.Function<JsonNode, @Nullable JsonNode> old,
			java.util.function.ToDoubleFunction<Results.LoadPhase> current) {
		JsonNode phase = before.get(field);
		JsonNode value = (phase != null) ? old.apply(phase) : null;
		String name = (phase != null) ? phase.get("name").asString() : now.name();
		md.line("| %s | %s | %,.1f |", label.formatted(name),
				(value != null && value.isNumber()) ? format("%,.1f", value.asDouble()) : "—",
				current.applyAsDouble(now));
	}

	/**
	 * The highest rate the intake kept up with at a {@code POST} p99 within the bound.
	 */
	static OpenLoad.Result bestIntake(List<OpenLoad.Result> steps, double p99Bound) {
		OpenLoad.Result best = null;
		for (OpenLoad.Result step : steps) {
			if (step.acceptedPerSecond() >= KEEPING_UP * step.rate() && step.latency().p99() <= p99Bound
					&& (best == null || step.rate() > best.rate())) {
				best = step;
			}
		}
		return best;
	}

	private static String yes(boolean met) {
		return met ? "**met**" : "**not met**";
	}

	private void machine(Markdown md) {
		Machine m = this.results.machine();
		md.line("## Machine");
		md.line();
		md.line("| | |");
		md.line("|---|---|");
		md.line("| CPU | %s, %d cores |", m.cpuModel(), m.cores());
		md.line("| memory | %.1f GiB |", m.memoryGiB());
		md.line("| OS | %s |", m.kernel());
		md.line("| JDK | %s |", m.jdk());
		md.line("| PostgreSQL | %s |", m.postgres());
		int brokers = this.results.topology().brokers();
		md.line("| Kafka | %s (%s, local disk) |", m.kafka(),
				(brokers == 1) ? "one KRaft broker" : brokers + " KRaft brokers on this machine");
		md.line();
		md.line("| load average (1, 5, 15 min) | %s when the run started, %s when it ended |", m.loadAverage(),
				this.results.loadAverageAtEnd());
		md.line();
		md.line("Everything ran on this machine at once: the %s, PostgreSQL, GreenMail, %d service JVMs, the "
				+ "gateway, the authorization server, the trace server and the load generator. A load average well "
				+ "above the cores means other work shared the machine.",
				(brokers == 1) ? "broker" : brokers + " brokers",
				this.results.topology().instances().values().stream().mapToInt(Integer::intValue).sum());
		md.line();
	}

	private void limits(Markdown md) {
		Results r = this.results;
		md.line("## Against the machine's limits");
		md.line();
		md.line("| what | EventShop | the bare limit, same run | ratio |");
		md.line("|---|---|---|---|");
		double intake = r.intake().stream().mapToDouble(OpenLoad.Result::acceptedPerSecond).max().orElse(0);
		md.line("| order placement | %,.0f orders/s (best intake step) | %,.0f transactions/s: the same SQL through "
				+ "plain JDBC on %d connections (p99 %.1f ms) | %.0f %% |", intake, r.jdbc().perSecond(),
				r.jdbc().concurrency(), r.jdbc().latency().p99(), 100 * intake / r.jdbc().perSecond());
		md.line("| publishing | %,.0f events/s (outbox drain) | %,.0f records/s produced (%d-byte values, acks=all, "
				+ "idempotent, linger 5 ms; scratch topic of %s) | %.0f %% |", r.drain().perSecond(),
				r.kafka().producedPerSecond(), r.kafka().payloadBytes(), r.kafka().topicSettings(),
				100 * r.drain().perSecond() / r.kafka().producedPerSecond());
		Map<String, Pipeline.Throughput> busiest = r.sustained().throughput();
		for (String consumer : Pipeline.CONSUMERS.keySet()) {
			Pipeline.Throughput t = busiest.get(consumer);
			if (t != null) {
				md.line("| consuming: %s | %,.0f events/s (busiest second of the sustained phase: %,d) | %,.0f records/s "
						+ "consumed by a bare consumer | %.0f %% |", consumer, t.average(), t.peak(),
						r.kafka().consumedPerSecond(), 100 * t.peak() / r.kafka().consumedPerSecond());
			}
		}
		md.line();
	}

	private void intake(Markdown md) {
		md.line("## Intake at rising rates");
		md.line();
		md.line("Open model: orders arrive at a constant rate whether or not earlier ones were answered; latency "
				+ "runs from each order's scheduled start.");
		md.line();
		md.line("Every scheduled arrival is counted once: accepted (201), refused (503, admission control), "
				+ "another status, sent but unanswered, or not sent because the generator's in-flight window was full.");
		md.line();
		md.line("| asked for | arrivals | accepted/s | refused 503 | other status | unanswered | not sent | p50 ms "
				+ "| p95 ms | p99 ms | max ms | 503 p99 ms |");
		md.line("|---|---|---|---|---|---|---|---|---|---|---|---|");
		for (OpenLoad.Result step : this.results.intake()) {
			Summary l = step.latency();
			md.line("| %.0f/s | %,d | %,.0f | %,d | %,d | %,d | %,d | %.1f | %.1f | %.1f | %.1f | %.1f |", step.rate(),
					step.scheduled(), step.acceptedPerSecond(), step.refused(), step.otherStatus(), step.unanswered(),
					step.skipped(), l.p50(), l.p95(), l.p99(), l.max(), step.refusal().p99());
		}
		md.line();
		OpenLoad.Result best = bestIntake(this.results.intake(), 50);
		md.line("Highest rate taken in full (≥ %.0f %% accepted) at a `POST` p99 ≤ 50 ms: %s.", 100 * KEEPING_UP,
				(best != null) ? format("%.0f/s", best.rate()) : "none of the rates tried");
		md.line();
	}

	private void identity(Markdown md) {
		IdentityCost.Result id = this.results.identity();
		GoalFigures f = GoalFigures.of(this.results);
		md.line("## Identity: a token check and the gateway's hop");
		md.line();
		md.line("Every request carries an access token that the service checks (signature against the authorization "
				+ "server's published key, then its times, issuer and audience). One check, as Spring Security's "
				+ "`NimbusJwtDecoder` does it, averaged over %,d: **%.0f µs of CPU**, %.2f %% of the CPU per completed "
				+ "order in the sustained phase.", id.validations(), id.jwtMicros(),
				100 * id.jwtMicros() / 1000 / f.cpuPerCompletedOrderMs());
		md.line();
		md.line("The gateway's hop: `GET %s` sent %,d times one after another to the order service and as many through "
				+ "the edge (the same token).", id.path(), id.direct().count());
		md.line();
		md.line("| sent | p50 ms | p95 ms | p99 ms |");
		md.line("|---|---|---|---|");
		md.line("| to the service | %.2f | %.2f | %.2f |", id.direct().p50(), id.direct().p95(), id.direct().p99());
		md.line("| through the edge | %.2f | %.2f | %.2f |", id.viaEdge().p50(), id.viaEdge().p95(),
				id.viaEdge().p99());
		md.line();
		md.line("The hop adds %.2f ms to the median request; the edge spent %.2f ms of CPU per relayed request.",
				id.hopMillis(), id.edgeCpuMillis());
		md.line();
	}

	private void probe(Markdown md) {
		Results.Probe probe = this.results.probe();
		if (probe == null) {
			return;
		}
		md.line("## The highest sustainable rate");
		md.line();
		String rising = "Rising rates, each from an idle pipeline, until one does not take ≥ 98 %% of its arrivals or "
				+ "lets a consumer group's lag or the e-mail backlog grow faster than 2 %% of the rate twice in a row "
				+ "(a rate whose step is not flat is asked for once more: one half-minute step can be noise). ";
		if (probe.sustainable() > 0 || probe.steps().isEmpty()) {
			md.line(rising + "Highest flat rate: **%.0f orders/s**; the sustained phase runs at it, the end-to-end "
					+ "phase at half of it, the overload phase at twice what the sustained phase completed.",
					probe.sustainable());
		}
		else {
			md.line(rising + "**None of the rates tried was flat**, not even the first (%.0f/s): the sustained phase "
					+ "runs at half of that, a floor, not a rate found to be sustainable; the end-to-end phase at half "
					+ "of the floor, the overload phase at twice what the sustained phase completed.",
					probe.steps().get(0).rate());
		}
		md.line();
		md.line("| asked for | accepted/s | arrivals taken | steepest growth, per s | of | flat |");
		md.line("|---|---|---|---|---|---|");
		for (Results.ProbeStep step : probe.steps()) {
			md.line("| %.0f/s | %,.0f | %.1f %% | %.1f | %s | %s |", step.rate(), step.acceptedPerSecond(),
					100 * step.taken(), step.steepest(), step.steepestOf(), step.flat() ? "yes" : "**no**");
		}
		md.line();
	}

	private void phase(Markdown md, Results.LoadPhase phase) {
		md.line("## %s for %.0f s", capitalized(phase.name()), phase.load().seconds());
		md.line();
		Summary post = phase.load().latency();
		OpenLoad.Result load = phase.load();
		md.line("Arrivals: %,d scheduled; %,d accepted (%,.0f/s), %,d refused (503), %,d another status, %,d "
				+ "unanswered, %,d not sent (in-flight window full). `POST` p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max "
				+ "%.1f ms. Largest outbox backlog %,d rows; everything (every group, every e-mail) caught up %.1f s "
				+ "after the last order.", load.scheduled(), load.accepted(), load.acceptedPerSecond(), load.refused(),
				load.otherStatus(), load.unanswered(), load.skipped(), post.p50(), post.p95(), post.p99(), post.max(),
				phase.maxBacklog(), phase.settleSeconds());
		md.line();
		Completions.Summary done = phase.completion();
		md.line("Completed (terminal state in the order service, every consumer's effect committed, every e-mail "
				+ "sent): **%,d of %,d orders, %,.0f completed/s** in the phase's steady part; from the order's commit "
				+ "to its completion p50 %.0f ms, p99 %.0f ms, max %.0f ms.", done.completed(), done.placed(),
				done.completedPerSecond(), done.toCompleted().p50(), done.toCompleted().p99(),
				done.toCompleted().max());
		md.line();
		md.line("From the order's commit to … | p50 ms | p95 ms | p99 ms | max ms | orders");
		md.line("---|---|---|---|---|---");
		Pipeline.EndToEnd e = phase.endToEnd();
		row(md, "Kafka's acknowledgement (relay delay)", e.relayDelay());
		e.consumers().forEach((consumer, summary) -> row(md, consumer + " committed its effect", summary));
		row(md, "`CONFIRMED`", e.toConfirmed());
		md.line();
		int unhandled = e.unhandled().values().stream().mapToInt(Integer::intValue).sum();
		if (unhandled > 0) {
			md.line("Not handled when read: %s.", e.unhandled());
			md.line();
		}
		md.line("| consumer group | events handled/s (average) | busiest second | largest lag | lag growth, records/s |");
		md.line("|---|---|---|---|---|");
		phase.throughput()
			.forEach((consumer, t) -> md.line("| %s | %,.0f | %,d | %,d | %.2f |", consumer, t.average(), t.peak(),
					phase.maxLag().getOrDefault(consumer, 0L), phase.lagSlope().getOrDefault(consumer, 0.0)));
		md.line();
	}

	private static void row(Markdown md, String what, Summary s) {
		md.line("%s | %.1f | %.1f | %.1f | %.1f | %,d", what, s.p50(), s.p95(), s.p99(), s.max(), s.count());
	}

	private void usage(Markdown md) {
		Map<String, Map<String, Results.Usage>> usage = Results.usage(this.results.samples());
		md.line("## CPU and memory per process");
		md.line();
		md.line("CPU in %% of one core (this machine has %d), resident memory (RSS) at its largest, per phase.",
				this.results.machine().cores());
		md.line();
		List<String> processes = usage.values()
			.stream()
			.flatMap((m) -> m.keySet().stream())
			.distinct()
			.sorted()
			.toList();
		StringBuilder header = new StringBuilder("| phase |");
		StringBuilder rule = new StringBuilder("|---|");
		for (String process : processes) {
			header.append(' ').append(process).append(" |");
			rule.append("---|");
		}
		md.line("%s", header);
		md.line("%s", rule);
		usage.forEach((phase, byProcess) -> {
			if (phase.equals("settle") || phase.equals("start")) {
				return;
			}
			StringBuilder line = new StringBuilder("| " + phase + " |");
			for (String process : processes) {
				Results.Usage u = byProcess.get(process);
				line.append((u == null) ? " |" : format(" %.0f %% / %.0f MiB |", u.cpuPercent(), u.maxRssMiB()));
			}
			md.line("%s", line);
		});
		md.line();
		cpuPerOrder(md);
	}

	private void cpuPerOrder(Markdown md) {
		Results r = this.results;
		List<Results.LoadPhase> phases = new ArrayList<>(List.of(r.endToEnd(), r.sustained()));
		if (r.overload() != null) {
			phases.add(r.overload());
		}
		List<String> processes = r.samples().isEmpty() ? List.of()
				: List.copyOf(r.samples().getLast().processes().keySet());
		md.line("CPU time per completed order, in milliseconds, from the start of a phase until the pipeline had caught up "
				+ "after it (%d cores give %,d ms of CPU per second):", r.machine().cores(),
				1000 * r.machine().cores());
		md.line();
		StringBuilder header = new StringBuilder("| phase | all |");
		StringBuilder rule = new StringBuilder("|---|---|");
		processes.forEach((p) -> {
			header.append(' ').append(p).append(" |");
			rule.append("---|");
		});
		md.line("%s", header);
		md.line("%s", rule);
		for (Results.LoadPhase phase : phases) {
			Map<String, Double> perOrder = Results.cpuPerOrder(r.samples(), phase.name(),
					phase.completion().completed());
			StringBuilder line = new StringBuilder(format("| %s | %.1f |", phase.name(),
					perOrder.values().stream().mapToDouble(Double::doubleValue).sum()));
			processes.forEach((p) -> line.append(format(" %.2f |", perOrder.getOrDefault(p, Double.NaN))));
			md.line("%s", line);
		}
		md.line();
		if (Roles.anyScaled(processes)) {
			cpuPerOrderByRole(md, phases);
		}
		md.line("`postgresql` sums the server processes serving the stack's logins, `postgresql background` the "
				+ "server's own (WAL writer, checkpointer, background writer, autovacuum), `generator` the load "
				+ "generator's JVM; a process that died during the phase counts up to its last reading.");
		md.line();
	}

	/** The same figures summed per role: {@code kafka (3)} for the three brokers. */
	private void cpuPerOrderByRole(Markdown md, List<Results.LoadPhase> phases) {
		List<Map<String, Double>> byRole = new ArrayList<>();
		for (Results.LoadPhase phase : phases) {
			byRole.add(Roles
				.sum(Results.cpuPerOrder(this.results.samples(), phase.name(), phase.completion().completed())));
		}
		List<String> roles = byRole.stream().flatMap((m) -> m.keySet().stream()).distinct().sorted().toList();
		md.line("The same per role (processes in brackets):");
		md.line();
		md.line("| phase |%s", String.join("", roles.stream().map((role) -> " " + role + " |").toList()));
		md.line("|---|%s", "---|".repeat(roles.size()));
		for (int i = 0; i < phases.size(); i++) {
			Map<String, Double> perOrder = byRole.get(i);
			md.line("| %s |%s", phases.get(i).name(), String.join("",
					roles.stream().map((role) -> format(" %.2f |", perOrder.getOrDefault(role, Double.NaN))).toList()));
		}
		md.line();
	}

	private void rebuild(Markdown md) {
		Results.Rebuild rebuild = this.results.rebuild();
		if (rebuild == null) {
			return;
		}
		md.line("## Analytics rebuild");
		md.line();
		md.line("Then the analytics read model was rebuilt from the order history this run wrote (the operator's "
				+ "`POST /api/admin/projections/rebuild`: a shadow projection filled by its own consumer while the "
				+ "live one keeps serving, then swapped in). It ended **%s** after %.1f s: %,d records read of a "
				+ "history of %,d, %,d events applied (the rest are types no rule reads, the outbox drain's among "
				+ "them), **%,.0f events/s**.", rebuild.state(), rebuild.seconds(), rebuild.recordsRead(),
				rebuild.historySize(), rebuild.eventsApplied(), rebuild.perSecond());
		if (rebuild.error() != null) {
			md.line();
			md.line("Its error: %s", rebuild.error());
		}
		md.line();
	}

	private void refusals(Markdown md) {
		md.line("## Refusals by reason");
		md.line();
		if (this.results.refusals().isEmpty()) {
			md.line("Admission control refused nothing in any load phase (or its counter could not be read).");
			md.line();
			return;
		}
		md.line("What the order service's admission control refused in each load phase, by the `reason` of its "
				+ "`eventshop.orders.admission.refused` counter (a repeated probe step adds to its rate's count; "
				+ "phases without a refusal are left out):");
		md.line();
		md.line("| phase | refused, by reason |");
		md.line("|---|---|");
		this.results.refusals().forEach((phase, byReason) -> {
			List<String> parts = new ArrayList<>();
			// by name, whatever map the results hold
			new TreeMap<>(byReason).forEach((reason, count) -> parts.add(format("%s %,d", reason, count)));
			md.line("| %s | %s |", phase, String.join(", ", parts));
		});
		md.line();
	}

	private void profiles(Markdown md) {
		if (this.results.profiles().isEmpty()) {
			return;
		}
		md.line("## Where the time goes (JFR, intake to sustained)");
		md.line();
		md.line("Execution samples of each service's JVM, each charged to the first frame on the stack that is not "
				+ "the JDK, grouped by library.");
		String sampling = this.results.settings().get("tracing-sampling");
		if (sampling != null) {
			md.line("The services traced a share of %s of the requests and events (`TRACING_SAMPLING_PROBABILITY`); "
					+ "the cost of tracing at that setting is the \"tracing\" area, metrics are apart.", sampling);
		}
		md.line();
		this.results.profiles().forEach((service, profile) -> {
			if (profile.missing() != null) {
				md.line("**%s**: no recording (%s).", service, profile.missing());
				md.line();
				return;
			}
			md.line("**%s** (%,d samples): %s", service, profile.samples(), shares(profile.areas(), 7));
			md.line();
			md.line("<details><summary>top methods</summary>");
			md.line();
			profile.methods().forEach((method, share) -> md.line("- %.1f %% `%s`", share, method));
			md.line();
			md.line("</details>");
			md.line();
		});
	}

	private static String shares(Map<String, Double> shares, int limit) {
		List<String> parts = new ArrayList<>();
		shares.entrySet()
			.stream()
			.limit(limit)
			.forEach((e) -> parts.add(format("%s %.0f %%", e.getKey(), e.getValue())));
		return String.join(", ", parts);
	}

	String latencyChart() {
		List<double[]> p50 = new ArrayList<>();
		List<double[]> p99 = new ArrayList<>();
		Map<String, List<Summary>> phases = new LinkedHashMap<>();
		for (OpenLoad.Result step : this.results.intake()) {
			phases.put(format("intake %.0f/s", step.rate()), step.perSecond());
		}
		phases.put(this.results.endToEnd().name(), this.results.endToEnd().load().perSecond());
		phases.put(this.results.sustained().name(), this.results.sustained().load().perSecond());
		phases.forEach((phase, seconds) -> {
			double start = phaseStart(phase);
			for (int i = 0; i < seconds.size(); i++) {
				p50.add(new double[] { start + i, seconds.get(i).p50() });
				p99.add(new double[] { start + i, seconds.get(i).p99() });
			}
			// a gap between phases: the line does not join them across the settling time
			p50.add(new double[] { start + seconds.size(), Double.NaN });
			p99.add(new double[] { start + seconds.size(), Double.NaN });
		});
		return SvgChart.render("POST /api/orders latency per second (from scheduled start)", "seconds into the run",
				"milliseconds", List.of(new SvgChart.Series("p50", p50), new SvgChart.Series("p99", p99)), markers());
	}

	String lagChart() {
		Map<String, List<double[]>> lines = new LinkedHashMap<>();
		List<double[]> backlog = new ArrayList<>();
		for (Sample sample : this.results.samples()) {
			sample.lag()
				.forEach((group, lag) -> lines.computeIfAbsent("lag " + group, (k) -> new ArrayList<>())
					.add(new double[] { sample.second(), lag }));
			backlog.add(new double[] { sample.second(), sample.outboxBacklog() });
		}
		List<SvgChart.Series> series = new ArrayList<>();
		lines.forEach((name, points) -> series.add(new SvgChart.Series(name, points)));
		series.add(new SvgChart.Series("outbox backlog", backlog));
		return SvgChart.render("Consumer lag and outbox backlog, sampled every second", "seconds into the run",
				"records", series, markers());
	}

	private double phaseStart(String phase) {
		return this.results.samples()
			.stream()
			.filter((s) -> s.phase().equals(phase))
			.mapToDouble(Sample::second)
			.findFirst()
			.orElse(0);
	}

	private List<SvgChart.Marker> markers() {
		List<SvgChart.Marker> markers = new ArrayList<>();
		String previous = "";
		for (Sample sample : this.results.samples()) {
			if (!sample.phase().equals(previous) && !sample.phase().equals("settle")) {
				markers.add(new SvgChart.Marker(sample.second(), sample.phase()));
			}
			previous = sample.phase();
		}
		return markers;
	}

	private static String capitalized(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static String format(String pattern, Object... args) {
		return String.format(Locale.ROOT, pattern, args);
	}

	/** Markdown text, one formatted line at a time. */
	private static final class Markdown {

		private final StringBuilder text = new StringBuilder();

		void line(String pattern, Object... args) {
			this.text.append(format(pattern, args)).append('\n');
		}

		void line() {
			this.text.append('\n');
		}

		void text(String text) {
			this.text.append(text);
		}

		@Override
		public String toString() {
			return this.text.toString();
		}

	}

}
