package com.eventshop.localstack.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * When a process started, as a text that is the same whichever JVM reads it, whenever.
 * <p>
 * On Linux, the start in clock ticks since boot from {@code /proc/<pid>/stat}
 * ({@code ticks:N}). Not the JDK's {@code ProcessHandle.Info.startInstant()}: it adds
 * those ticks to the boot time the kernel reports in whole seconds as the wall clock less
 * the time since boot, and that moves whenever the wall clock is stepped (a virtual
 * machine restored from a snapshot, a clock synchronised). Two readings of one process
 * then differ by seconds, and a live process was taken for one that had exited.
 * Elsewhere, the JDK's instant in milliseconds.
 */
final class StartTime {

	private static final String TICKS = "ticks:";

	private StartTime() {
	}

	static Optional<String> of(ProcessHandle process) {
		Optional<String> ticks = ticks(process.pid());
		if (ticks.isPresent()) {
			return ticks;
		}
		return process.info().startInstant().map((start) -> Long.toString(start.toEpochMilli()));
	}

	/**
	 * Whether a process is the one recorded: the same start, read the same way. A record
	 * in milliseconds (written where {@code /proc} was not readable, or by an older
	 * supervisor) is compared with the JDK's instant.
	 */
	static boolean matches(ProcessHandle process, String recorded) {
		if (recorded.startsWith(TICKS)) {
			return ticks(process.pid()).map(recorded::equals).orElse(true);
		}
		return process.info()
			.startInstant()
			.map((start) -> Long.toString(start.toEpochMilli()).equals(recorded))
			.orElse(true);
	}

	static Optional<String> ticks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// pid (comm) state ppid ...: the name may hold spaces and parentheses, so the
			// fields are counted from the last ')'; starttime is the 22nd field, the 20th
			// after it.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
			return Optional.of(TICKS + Long.parseLong(fields[19]));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

}
