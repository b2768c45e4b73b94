package com.eventshop.localstack.supervisor;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Starts, watches and ends the processes of one stack, recording each in the stack's
 * folder so that another invocation (another terminal, a test) finds them:
 * {@code pids/<name>.pid} holds the PID, {@code state/<name>.properties} the whole launch
 * (command line, environment, readiness) and the process's start time.
 * <p>
 * Every command line carries a marker, {@code -Deventshop.local-stack=<name>@<folder>}. A
 * recorded PID is only ever signalled while the process behind it still carries that
 * marker and started when the record says: PIDs get reused, and a stale record must never
 * end someone else's process.
 */
public final class Supervisor {

	private static final Duration POLL = Duration.ofMillis(200);

	private final Path dir;

	private final Consumer<String> say;

	/** The processes this JVM started, so it can reap them (no zombie lingers). */
	private final Map<Long, Process> children = new ConcurrentHashMap<>();

	public Supervisor(Path dir, Consumer<String> say) {
		this.dir = dir.toAbsolutePath().normalize();
		this.say = say;
	}

	public Path dir() {
		return this.dir;
	}

	public Path log(String name) {
		return this.dir.resolve("logs/" + name + ".log");
	}

	/** The marker on the command line of process {@code name} of this stack. */
	public String marker(String name) {
		return "-Deventshop.local-stack=" + name + "@" + this.dir;
	}

	/**
	 * Starts a process in a session of its own (when the system has {@code setsid}), so
	 * that a Ctrl-C in the terminal reaches the supervisor only, which then stops
	 * everything in order. Its output goes to {@code logs/<name>.log}: a fresh one, or
	 * appended to the old one when {@code append}.
	 */
	public long start(ProcessSpec spec, boolean append) {
		if (running(spec.name()).isPresent()) {
			throw new IllegalStateException(spec.name() + " is already running");
		}
		List<String> command = new ArrayList<>(spec.command());
		if (!command.contains(marker(spec.name()))) {
			command.add(1, marker(spec.name()));
		}
		if (setsid().isPresent()) {
			command.addFirst(setsid().get());
		}
		try {
			Files.createDirectories(this.dir.resolve("logs"));
			Path log = log(spec.name());
			if (!append && Files.exists(log)) {
				Files.move(log, log.resolveSibling(spec.name() + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
			}
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			builder.environment().putAll(spec.environment());
			Process process = builder.start();
			this.children.put(process.pid(), process);
			process.onExit().thenRun(() -> this.children.remove(process.pid()));
			awaitMarked(spec.name(), process);
			record(spec, process.toHandle());
			return process.pid();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + spec.name(), ex);
		}
	}

	/**
	 * Waits until the new process shows its final command line: for a moment after the
	 * start it is still the JDK's launch helper (or {@code setsid}), without the marker,
	 * and a check or a stop in that moment would take it for a stranger.
	 */
	private void awaitMarked(String name, Process process) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (process.isAlive() && !marked(name, process.toHandle())) {
			if (Instant.now().isAfter(deadline)) {
				// The JDK reads a bounded part of a command line: a process whose marker
				// it cannot see could never be stopped safely, so it does not stay.
				process.destroyForcibly();
				throw new IllegalStateException(
						"the command line of " + name + " does not show its marker (too long?); it was ended");
			}
			pause(Duration.ofMillis(10));
		}
	}

	private boolean marked(String name, ProcessHandle process) {
		return process.info().arguments().map((arguments) -> List.of(arguments).contains(marker(name))).orElse(false);
	}

	/**
	 * Waits until the process is ready; fails at once when it exits, or when it is not
	 * ready within {@code timeout}, with the end of its log.
	 */
	public void awaitReady(ProcessSpec spec, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (!spec.readiness().ready()) {
			if (running(spec.name()).isEmpty()) {
				throw new IllegalStateException(spec.name() + " exited while starting; its log is " + log(spec.name())
						+ "\n" + tail(spec.name()));
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(spec.name() + " was not ready within " + timeout.toSeconds()
						+ " s; its log is " + log(spec.name()) + "\n" + tail(spec.name()));
			}
			pause(Duration.ofMillis(500));
		}
	}

	/** The PID of process {@code name} while it runs and is still the one recorded. */
	public Optional<Long> running(String name) {
		return recorded(name).filter((record) -> owned(name, record)).map(Record::pid);
	}

	/** The recorded launch of process {@code name}, running or not. */
	public Optional<ProcessSpec> spec(String name) {
		return recorded(name).map(Record::spec);
	}

	/** Every process this stack has a record of, by name, in start order. */
	public List<ProcessSpec> specs() {
		Path state = this.dir.resolve("state");
		if (!Files.isDirectory(state)) {
			return List.of();
		}
		try (var files = Files.list(state)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((file) -> file.endsWith(".properties"))
				.map((file) -> spec(file.substring(0, file.length() - ".properties".length())))
				.flatMap(Optional::stream)
				.sorted(Comparator.comparingInt(ProcessSpec::tier))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The running processes' PIDs by name. */
	public Map<String, Long> pids() {
		Map<String, Long> pids = new TreeMap<>();
		for (ProcessSpec spec : specs()) {
			running(spec.name()).ifPresent((pid) -> pids.put(spec.name(), pid));
		}
		return pids;
	}

	/**
	 * Ends the processes with SIGTERM (they flush and leave their groups), all at once,
	 * then waits for each; one that has not ended after {@code grace} gets SIGKILL. The
	 * PID files go first, so that a watching {@code up} knows these exits are intended.
	 */
	public void stop(List<String> names, Duration grace) {
		Map<String, Record> signalled = new LinkedHashMap<>();
		for (String name : names) {
			Optional<Record> record = recorded(name).filter((candidate) -> owned(name, candidate));
			forget(name);
			record.ifPresent((running) -> {
				ProcessHandle.of(running.pid()).ifPresent(ProcessHandle::destroy);
				signalled.put(name, running);
			});
		}
		signalled.forEach((name, record) -> {
			if (!awaitGone(name, record, grace)) {
				this.say.accept(
						name + " (" + record.pid() + ") did not stop within " + grace.toSeconds() + " s; killing it");
				ProcessHandle.of(record.pid()).ifPresent(ProcessHandle::destroyForcibly);
				awaitGone(name, record, grace);
			}
			this.say.accept("stopped " + name + " (" + record.pid() + ")");
		});
	}

	/**
	 * SIGKILL: no shutdown hook, no flush, no leaving the consumer group, as when a
	 * machine dies. Returns once the process is gone.
	 */
	public void kill(String name) {
		Record record = recorded(name).filter((candidate) -> owned(name, candidate))
			.orElseThrow(() -> new IllegalStateException(name + " is not running"));
		forget(name);
		ProcessHandle.of(record.pid()).ifPresent(ProcessHandle::destroyForcibly);
		if (!awaitGone(name, record, Duration.ofMinutes(1))) {
			throw new IllegalStateException(name + " (" + record.pid() + ") survived SIGKILL");
		}
		this.say.accept("killed " + name + " (" + record.pid() + ")");
	}

	/** Starts process {@code name} again from its record, its output appended. */
	public long restart(String name, Duration grace, Duration timeout) {
		ProcessSpec spec = spec(name)
			.orElseThrow(() -> new IllegalStateException("the stack has never started " + name + " here"));
		stop(List.of(name), grace);
		long pid = start(spec, true);
		this.say.accept("started " + name + " (" + pid + "); waiting until it is ready");
		awaitReady(spec, timeout);
		return pid;
	}

	/** The last lines of a process's log. */
	public String tail(String name) {
		try {
			List<String> lines = Files.readAllLines(log(name), StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private boolean awaitGone(String name, Record record, Duration within) {
		Instant deadline = Instant.now().plus(within);
		while (owned(name, record)) {
			if (Instant.now().isAfter(deadline)) {
				return false;
			}
			pause(POLL);
		}
		return true;
	}

	/**
	 * Whether the PID still belongs to the process recorded: alive, with the marker on
	 * its command line, started when recorded. An exited process that its parent has not
	 * reaped yet (a zombie) has no command line left, so it counts as gone.
	 * <p>
	 * A child this supervisor started is its own while it is alive, whatever its command
	 * line says: the JDK starts a child through {@code jspawnhelper}, which only then
	 * executes the command, so for a moment after the start (longer on a crowded machine)
	 * the child's command line is the helper's and has no marker.
	 */
	private boolean owned(String name, Record record) {
		Process child = this.children.get(record.pid());
		if (child != null) {
			return child.isAlive();
		}
		Optional<ProcessHandle> handle = ProcessHandle.of(record.pid()).filter(ProcessHandle::isAlive);
		if (handle.isEmpty()) {
			return false;
		}
		boolean marked = marked(name, handle.get());
		boolean sameStart = record.started().map((started) -> StartTime.matches(handle.get(), started)).orElse(true);
		return marked && sameStart;
	}

	private void record(ProcessSpec spec, ProcessHandle process) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("pid", Long.toString(process.pid()));
		StartTime.of(process).ifPresent((start) -> properties.setProperty("started", start));
		properties.setProperty("tier", Integer.toString(spec.tier()));
		properties.setProperty("readiness", spec.readiness().text());
		properties.setProperty("where", spec.where());
		for (int i = 0; i < spec.command().size(); i++) {
			properties.setProperty("command." + i, spec.command().get(i));
		}
		for (int i = 0; i < spec.ports().size(); i++) {
			properties.setProperty("port." + i, Integer.toString(spec.ports().get(i)));
		}
		spec.environment().forEach((key, value) -> properties.setProperty("env." + key, value));
		Path state = Files.createDirectories(this.dir.resolve("state"));
		Path file = state.resolve(spec.name() + ".properties");
		// It holds the services' passwords: for this user's eyes only.
		Files.deleteIfExists(file);
		Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
			properties.store(out, "the launch of " + spec.name() + ", written by the stack supervisor");
		}
		Path pids = Files.createDirectories(this.dir.resolve("pids"));
		Files.writeString(pids.resolve(spec.name() + ".pid"), process.pid() + "\n");
	}

	private Optional<Record> recorded(String name) {
		Path pidFile = this.dir.resolve("pids/" + name + ".pid");
		Path stateFile = this.dir.resolve("state/" + name + ".properties");
		if (!Files.isRegularFile(stateFile)) {
			return Optional.empty();
		}
		try (InputStream in = Files.newInputStream(stateFile)) {
			Properties properties = new Properties();
			properties.load(in);
			List<String> command = new ArrayList<>();
			for (int i = 0; properties.containsKey("command." + i); i++) {
				command.add(properties.getProperty("command." + i));
			}
			List<Integer> ports = new ArrayList<>();
			for (int i = 0; properties.containsKey("port." + i); i++) {
				ports.add(Integer.parseInt(properties.getProperty("port." + i)));
			}
			Map<String, String> environment = new HashMap<>();
			properties.stringPropertyNames()
				.stream()
				.filter((key) -> key.startsWith("env."))
				.forEach((key) -> environment.put(key.substring(4), properties.getProperty(key)));
			ProcessSpec spec = new ProcessSpec(name, Integer.parseInt(properties.getProperty("tier", "0")), command,
					environment, ports, Readiness.parse(properties.getProperty("readiness")),
					properties.getProperty("where", ""));
			long pid = Files.isRegularFile(pidFile) ? Long.parseLong(Files.readString(pidFile).trim()) : -1;
			String started = properties.getProperty("started");
			return Optional.of(new Record(pid, Optional.ofNullable(started), spec));
		}
		catch (IOException | RuntimeException ex) {
			this.say.accept("the record of " + name + " in " + stateFile + " is unreadable (" + ex + "); ignored");
			return Optional.empty();
		}
	}

	/** Drops the PID file (the launch stays, for a restart). */
	private void forget(String name) {
		try {
			Files.deleteIfExists(this.dir.resolve("pids/" + name + ".pid"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Optional<String> setsid() {
		return List.of("/usr/bin/setsid", "/bin/setsid")
			.stream()
			.filter((path) -> Files.isExecutable(Path.of(path)))
			.findFirst();
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private record Record(long pid, Optional<String> started, ProcessSpec spec) {
	}

}
