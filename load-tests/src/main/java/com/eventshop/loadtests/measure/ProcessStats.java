package com.eventshop.loadtests.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of a process, read from Linux's {@code /proc}.
 */
public final class ProcessStats {

	/** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux we know. */
	static final long TICKS_PER_SECOND = 100;

	private ProcessStats() {
	}

	/**
	 * One reading.
	 *
	 * @param cpuMillis user plus system CPU time the process used so far
	 * @param rssKiB resident set size
	 */
	public record Reading(long cpuMillis, long rssKiB) {
	}

	/** Reads the process now, or nothing when it is gone. */
	public static Optional<Reading> read(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
			OptionalLong rss = residentKiB(status);
			return Optional.of(new Reading(cpuMillis(stat), rss.orElse(0)));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The PostgreSQL backends serving logins that start with {@code prefix}, read
	 * together: a backend's command line reads {@code postgres: 15/main: <login>
	 * <database> ...}.
	 */
	public static Group postgresBackends(String prefix) {
		return new Group((command) -> isBackendOf(command, prefix), ProcessStats::postgresProcesses);
	}

	/**
	 * The PostgreSQL server's own background processes (WAL writer, checkpointer,
	 * background writer, autovacuum) read together: work the stack's writes cause that no
	 * login's backend is charged with. They serve every database of the server, so they
	 * belong to the stack only on a machine that runs nothing else.
	 */
	public static Group postgresBackground() {
		return new Group(ProcessStats::isBackgroundProcess, ProcessStats::postgresProcesses);
	}

	/**
	 * Processes that come and go, read as one: its CPU time is each member's CPU time at
	 * its last reading, summed over every member seen since the first reading. A plain
	 * sum of the members alive now would fall each time one exits (a pooled connection
	 * closed, an autovacuum worker done) and a falling figure reads as a restarted
	 * process, whose whole CPU time counts again: so the group remembers the members it
	 * saw. What a member spends between its last reading and its exit is not counted.
	 * Memory is the members' resident memory now.
	 */
	public static final class Group {

		private final Predicate<String> which;

		private final Function<Predicate<String>, Map<Long, Reading>> members;

		private final Map<Long, Long> lastCpu = new HashMap<>();

		private long exitedCpu;

		Group(Predicate<String> which, Function<Predicate<String>, Map<Long, Reading>> members) {
			this.which = which;
			this.members = members;
		}

		public synchronized Reading read() {
			Map<Long, Reading> now = this.members.apply(this.which);
			for (Iterator<Map.Entry<Long, Long>> seen = this.lastCpu.entrySet().iterator(); seen.hasNext();) {
				Map.Entry<Long, Long> member = seen.next();
				Reading reading = now.get(member.getKey());
				if (reading == null || reading.cpuMillis() < member.getValue()) {
					// exited (or its PID was taken by a new process): keep what it spent
					this.exitedCpu += member.getValue();
					seen.remove();
				}
			}
			long cpu = this.exitedCpu;
			long rss = 0;
			for (Map.Entry<Long, Reading> member : now.entrySet()) {
				this.lastCpu.put(member.getKey(), member.getValue().cpuMillis());
				cpu += member.getValue().cpuMillis();
				rss += member.getValue().rssKiB();
			}
			return new Reading(cpu, rss);
		}

	}

	private static Map<Long, Reading> postgresProcesses(Predicate<String> which) {
		Map<Long, Reading> members = new HashMap<>();
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			for (Path process : processes.filter((p) -> p.getFileName().toString().matches("\\d+")).toList()) {
				try {
					String command = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
					if (which.test(command)) {
						members.put(Long.parseLong(process.getFileName().toString()),
								new Reading(cpuMillis(Files.readString(process.resolve("stat"))),
										residentKiB(Files.readString(process.resolve("status"))).orElse(0)));
					}
				}
				catch (IOException ex) {
					// the process ended while it was read
				}
			}
		}
		catch (IOException ex) {
			return Map.of();
		}
		return members;
	}

	static boolean isBackendOf(String command, String prefix) {
		int start = command.indexOf("postgres: ");
		if (start != 0) {
			return false;
		}
		String[] words = command.split("\\s+");
		// postgres: 15/main: <login> <database> <client> <state>
		return words.length > 3 && words[3].startsWith(prefix);
	}

	static boolean isBackgroundProcess(String command) {
		if (!command.startsWith("postgres: ")) {
			return false;
		}
		// postgres: 15/main: checkpointer | background writer | walwriter | autovacuum
		// ...
		String[] words = command.split("\\s+");
		return words.length > 2 && (words[2].equals("checkpointer") || words[2].equals("background")
				|| words[2].equals("walwriter") || words[2].equals("autovacuum"));
	}

	/**
	 * User plus system time from a {@code stat} line. The command name in parentheses may
	 * hold spaces, so the fields are counted from its closing parenthesis: utime and
	 * stime are the 14th and 15th fields of the line.
	 */
	static long cpuMillis(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
		// fields[0] is the 3rd field (state), so the 14th is at 11 and the 15th at 12
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return ticks * 1000 / TICKS_PER_SECOND;
	}

	/** {@code VmRSS} of a {@code status} file, in KiB. */
	static OptionalLong residentKiB(String status) {
		for (String line : status.split("\n")) {
			if (line.startsWith("VmRSS:")) {
				return OptionalLong.of(Long.parseLong(line.substring(6).trim().split("\\s+")[0]));
			}
		}
		return OptionalLong.empty();
	}

}
