package com.eventshop.loadtests.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.eventshop.loadtests.baseline.IdentityCost;
import com.eventshop.loadtests.baseline.JdbcBaseline;
import com.eventshop.loadtests.baseline.KafkaBaseline;
import com.eventshop.loadtests.baseline.SmtpBaseline;
import com.eventshop.loadtests.load.OpenLoad;
import com.eventshop.loadtests.measure.Completions;
import com.eventshop.loadtests.measure.Pipeline;
import com.eventshop.loadtests.measure.ProcessStats;
import com.eventshop.loadtests.measure.Sampler.Sample;
import org.jspecify.annotations.Nullable;

/**
 * Everything one run found; written as JSON beside the report.
 *
 * @param date the day of the run
 * @param label what the run is (e.g. before or after a change)
 * @param machine the machine
 * @param topology the stack's shape: brokers, replication, instances of each service
 * @param settings the run's settings, as given
 * @param jdbc the JDBC baseline
 * @param kafka the Kafka baseline
 * @param intake intake at each rate
 * @param endToEnd the end-to-end phase
 * @param identity the cost of a token check and of the gateway's hop
 * @param probe the search for the highest sustainable rate; {@code null} when the rates
 * were given
 * @param sustained the sustained phase
 * @param overload twice the sustained rate asked for, to show the system finishes as much
 * as at the sustained rate and refuses the rest at once; {@code null} when left out
 * @param drain the outbox drain
 * @param email the SMTP server's capacity and the e-mail service's rate
 * @param rebuild the analytics read model rebuilt from the history the run wrote;
 * {@code null} when left out
 * @param profiles JFR profile of each service over the load phases
 * @param refusals what the order service's admission control refused in each load phase
 * (intake steps, probe steps, the phases), by reason; phases without a refusal left out
 * @param samples the per-second samples of the whole run
 * @param loadAverageAtEnd /proc/loadavg when the run ended
 */
public record Results(String date, String label, Machine machine, Topology topology, Map<String, String> settings,
		JdbcBaseline.Result jdbc, KafkaBaseline.Result kafka, IdentityCost.Result identity,
		List<OpenLoad.Result> intake, @Nullable Probe probe, LoadPhase endToEnd, LoadPhase sustained,
		@Nullable LoadPhase overload, Drain drain, EmailCapacity email, @Nullable Rebuild rebuild,
		Map<String, JfrProfile.Profile> profiles, Map<String, Map<String, Long>> refusals, List<Sample> samples,
		String loadAverageAtEnd) {

	/**
	 * A phase at a steady rate, with what the pipeline did with its orders.
	 *
	 * @param name the phase as the samples name it
	 * @param load the intake side
	 * @param endToEnd latencies read from the databases
	 * @param throughput events handled per consumer during the phase
	 * @param lagSlope growth of each group's lag over the phase, records per second
	 * @param maxLag largest lag of each group during the phase
	 * @param maxBacklog largest outbox backlog during the phase
	 * @param settleSeconds how long after the last order until all lag and backlog were
	 * gone
	 * @param completion what the phase's orders came to: how many were completed (every
	 * service's effect committed, every e-mail sent), at what rate, how long after their
	 * commit
	 */
	public record LoadPhase(String name, OpenLoad.Result load, Pipeline.EndToEnd endToEnd,
			Map<String, Pipeline.Throughput> throughput, Map<String, Double> lagSlope, Map<String, Long> maxLag,
			long maxBacklog, double settleSeconds, Completions.Summary completion) {
	}

	/**
	 * The search for the highest sustainable rate: rising rates, each for a while, until
	 * one lets a consumer group's lag or the e-mail backlog grow, or refuses orders.
	 *
	 * @param steps the rates tried, in order
	 * @param sustainable the highest rate whose step stayed flat; 0 when none did
	 */
	public record Probe(List<ProbeStep> steps, double sustainable) {
	}

	/**
	 * One rate of the probe.
	 *
	 * @param rate orders per second asked for
	 * @param acceptedPerSecond orders per second accepted
	 * @param taken accepted share of the arrivals
	 * @param steepest the steepest growth of a group's lag or the e-mail backlog, per
	 * second, and whose it was
	 * @param steepestOf the group (or backlog) that grew most
	 * @param flat whether the step kept up: every arrival taken and nothing growing
	 */
	public record ProbeStep(double rate, double acceptedPerSecond, double taken, double steepest, String steepestOf,
			boolean flat) {
	}

	/**
	 * How fast e-mail goes out: the SMTP server's own capacity, and the e-mail service
	 * sending a backlog to it.
	 *
	 * @param smtp the SMTP server taking e-mails from a bare client
	 * @param drain the e-mail service sending a backlog written straight into its table
	 */
	public record EmailCapacity(SmtpBaseline.Result smtp, Drain drain) {

		/** The e-mail service's rate as a share of the server's own. */
		public double ratio() {
			return this.drain.perSecond() / this.smtp.perSecond();
		}

	}

	/**
	 * The outbox drain.
	 *
	 * @param events rows inserted in one transaction
	 * @param seconds from their commit to the last one's publication
	 * @param perSecond events published per second
	 * @param firstPublishedAfter seconds from the commit to the first publication
	 */
	public record Drain(int events, double seconds, double perSecond, double firstPublishedAfter) {
	}

	/**
	 * The analytics service rebuilding its read model from the order history (the
	 * operator's {@code POST /api/admin/projections/rebuild}), as the service reported
	 * it.
	 *
	 * @param state how it ended: {@code SWAPPED}, or {@code FAILED} with an error, or
	 * {@code RUNNING} when the run stopped waiting
	 * @param historySize records in the history when it started
	 * @param recordsRead records it read (a few more than the history when the catch-up
	 * before the swap found new ones)
	 * @param eventsApplied events the projection's rules applied; the rest were types no
	 * rule reads (among them the outbox drain's records)
	 * @param seconds from its start to its swap
	 * @param perSecond records read per second
	 * @param error why it failed; {@code null} unless it did
	 */
	public record Rebuild(String state, long historySize, long recordsRead, long eventsApplied, double seconds,
			double perSecond, @Nullable String error) {
	}

	/**
	 * A process's use of the machine during a phase.
	 *
	 * @param cpuPercent CPU time over wall time; 100 is one core, this machine has
	 * {@link Machine#cores()}
	 * @param maxRssMiB largest resident memory
	 */
	public record Usage(double cpuPercent, double maxRssMiB) {
	}

	/**
	 * CPU milliseconds each process spent per order of a load phase: from the phase's
	 * first sample to the end of the settling that follows it, so the work the pipeline
	 * did after the last order arrived is counted too.
	 * @param samples the run's samples
	 * @param phase the load phase
	 * @param orders orders completed in it
	 */
	public static Map<String, Double> cpuPerOrder(List<Sample> samples, String phase, long orders) {
		Map<String, Double> perOrder = new TreeMap<>();
		int first = -1;
		int last = -1;
		for (int i = 0; i < samples.size(); i++) {
			String name = samples.get(i).phase();
			if (first < 0 && name.equals(phase)) {
				first = i;
			}
			else if (first >= 0 && !name.equals(phase) && !name.equals("settle")) {
				break;
			}
			if (first >= 0) {
				last = i;
			}
		}
		if (first < 0 || last <= first || orders == 0) {
			return perOrder;
		}
		// each process from its first to its last reading in the range: one that died (or
		// was killed) during the phase is counted up to its last reading, one restarted
		// under the same name from its new start
		Map<String, Long> spent = new TreeMap<>();
		Map<String, ProcessStats.Reading> previous = new TreeMap<>();
		for (Sample sample : samples.subList(first, last + 1)) {
			sample.processes().forEach((process, reading) -> {
				ProcessStats.Reading before = previous.put(process, reading);
				if (before != null) {
					// a restarted process starts again from zero CPU time
					long delta = reading.cpuMillis() - before.cpuMillis();
					spent.merge(process, (delta >= 0) ? delta : reading.cpuMillis(), Long::sum);
				}
			});
		}
		spent.forEach((process, millis) -> perOrder.put(process, (double) millis / orders));
		return perOrder;
	}

	/** Usage by phase and process, from the samples, in the order the phases ran. */
	public static Map<String, Map<String, Usage>> usage(List<Sample> samples) {
		Map<String, Map<String, Usage>> byPhase = new LinkedHashMap<>();
		@Nullable Sample first = null;
		@Nullable Sample previous = null;
		for (Sample sample : samples) {
			if (first != null && !sample.phase().equals(first.phase())) {
				byPhase.put(first.phase(), usage(first, previous, samples));
				first = null;
			}
			if (first == null) {
				first = sample;
			}
			previous = sample;
		}
		if (first != null && previous != null) {
			byPhase.put(first.phase(), usage(first, previous, samples));
		}
		return byPhase;
	}

	private static Map<String, Usage> usage(Sample first, @Nullable Sample last, List<Sample> samples) {
		Map<String, Usage> usage = new TreeMap<>();
		if (last == null || last.second() <= first.second()) {
			return usage;
		}
		double wallMillis = (last.second() - first.second()) * 1000;
		for (Map.Entry<String, ProcessStats.Reading> entry : last.processes().entrySet()) {
			ProcessStats.Reading start = first.processes().get(entry.getKey());
			if (start == null) {
				continue;
			}
			long maxRss = samples.stream()
				.filter((s) -> s.second() >= first.second() && s.second() <= last.second())
				.map((s) -> s.processes().get(entry.getKey()))
				.filter((r) -> r != null)
				.mapToLong(ProcessStats.Reading::rssKiB)
				.max()
				.orElse(0);
			usage.put(entry.getKey(), new Usage(100.0 * (entry.getValue().cpuMillis() - start.cpuMillis()) / wallMillis,
					maxRss / 1024.0));
		}
		return usage;
	}

}
