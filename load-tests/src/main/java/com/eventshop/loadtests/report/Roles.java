package com.eventshop.loadtests.report;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Processes grouped by what they do: a scaled stack runs {@code kafka}, {@code kafka-2}
 * and {@code kafka-3}, {@code order} and {@code order-2}, and so on, and a figure per
 * process is easier to read beside its sum per role, named with how many processes it
 * holds ({@code kafka (3)}).
 */
public final class Roles {

	private Roles() {
	}

	/**
	 * The role of a process: its name without the instance number the supervisor gives a
	 * second or third instance ({@code order-2} is an {@code order}).
	 */
	public static String role(String process) {
		return process.replaceFirst("-\\d+$", "");
	}

	/** How many processes each role has. */
	public static Map<String, Integer> count(Collection<String> processes) {
		Map<String, Integer> counts = new TreeMap<>();
		processes.forEach((process) -> counts.merge(role(process), 1, Integer::sum));
		return counts;
	}

	/**
	 * A figure per process summed per role, each role named with its number of processes
	 * when it has more than one: {@code kafka (3)}, {@code edge}.
	 */
	public static Map<String, Double> sum(Map<String, Double> byProcess) {
		Map<String, Integer> counts = count(byProcess.keySet());
		Map<String, Double> byRole = new TreeMap<>();
		byProcess.forEach((process, value) -> byRole.merge(label(role(process), counts), value, Double::sum));
		return byRole;
	}

	/** A figure per process summed per role, by the role's bare name. */
	public static Map<String, Double> total(Map<String, Double> byProcess) {
		Map<String, Double> byRole = new TreeMap<>();
		byProcess.forEach((process, value) -> byRole.merge(role(process), value, Double::sum));
		return byRole;
	}

	/** Whether any role runs more than one process: a scaled stack. */
	public static boolean anyScaled(Collection<String> processes) {
		return count(processes).values().stream().anyMatch((n) -> n > 1);
	}

	private static String label(String role, Map<String, Integer> counts) {
		int count = counts.get(role);
		return (count > 1) ? role + " (" + count + ")" : role;
	}

}
