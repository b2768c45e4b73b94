package com.eventshop.loadtests.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.eventshop.loadtests.measure.Sampler.Sample;

/**
 * The stack's memory: each process's resident set ({@code VmRSS} of
 * {@code /proc/<pid>/status}) in the last sample of a phase, usually the end of the
 * sustained phase, when every JVM has grown to its working size.
 *
 * @param phase the phase it was read in
 * @param rssKiB resident memory by process
 */
public record Footprint(String phase, Map<String, Long> rssKiB) {

	/**
	 * Processes that are not the stack's own: the load generator, and PostgreSQL's
	 * background processes, which serve every database of the server.
	 */
	static final List<String> NOT_THE_STACK = List.of("generator", "postgresql background");

	/** The footprint in the last sample of {@code phase}; empty when it has none. */
	public static Footprint of(List<Sample> samples, String phase) {
		Map<String, Long> rss = new TreeMap<>();
		samples.stream()
			.filter((s) -> s.phase().equals(phase))
			.reduce((first, second) -> second)
			.ifPresent((last) -> last.processes().forEach((process, reading) -> rss.put(process, reading.rssKiB())));
		return new Footprint(phase, rss);
	}

	/** The resident memory of the stack's own processes, summed, in KiB. */
	public long stackKiB() {
		return this.rssKiB.entrySet()
			.stream()
			.filter((e) -> !NOT_THE_STACK.contains(e.getKey()))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	/** The resident memory of every process sampled, summed, in KiB. */
	public long allKiB() {
		return this.rssKiB.values().stream().mapToLong(Long::longValue).sum();
	}

	/** The Markdown section: a row per process, the sums per role and the totals. */
	String markdown() {
		StringBuilder md = new StringBuilder("## Footprint\n\n");
		if (this.rssKiB.isEmpty()) {
			return md.append("No process was sampled in the phase \"").append(this.phase).append("\".\n\n").toString();
		}
		md.append(format("Resident memory (`VmRSS` of `/proc/<pid>/status`) of each process in the last sample of "
				+ "the phase \"%s\". `postgresql` sums the server processes serving the stack's logins; each of them "
				+ "counts the shared buffers it touched, so that figure is larger than the memory they hold "
				+ "between them. The generator and PostgreSQL's background processes are not the stack's, so they "
				+ "stay out of the stack's total.%n%n", this.phase));
		md.append("| process | RSS MiB |\n|---|---|\n");
		this.rssKiB.forEach((process, kib) -> md.append(format("| %s | %,.0f |%n", process, kib / 1024.0)));
		md.append(format("| **the stack's processes** | **%,.0f** |%n", stackKiB() / 1024.0));
		md.append(format("| all processes sampled | %,.0f |%n%n", allKiB() / 1024.0));
		Map<String, Double> byProcess = new TreeMap<>();
		this.rssKiB.forEach((process, kib) -> byProcess.put(process, kib / 1024.0));
		if (Roles.anyScaled(byProcess.keySet())) {
			md.append("Per role:\n\n| role | RSS MiB |\n|---|---|\n");
			Roles.sum(byProcess).forEach((role, mib) -> md.append(format("| %s | %,.0f |%n", role, mib)));
			md.append('\n');
		}
		return md.toString();
	}

	private static String format(String pattern, Object... args) {
		return String.format(Locale.ROOT, pattern, args);
	}

}
