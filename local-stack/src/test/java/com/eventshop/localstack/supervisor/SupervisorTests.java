package com.eventshop.localstack.supervisor;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * The supervisor with small processes ({@link Idle}) instead of the whole stack: start,
 * readiness, kill, restart from the record, stop, and never a signal to a process that
 * only happens to have a recorded PID.
 */
class SupervisorTests {

	private static final Duration GENEROUS = Duration.ofMinutes(3);

	@TempDir
	Path dir;

	private final List<String> said = new ArrayList<>();

	/** Every process a test started, to be sure none outlives it. */
	private final List<Long> started = new ArrayList<>();

	private final List<Process> strangers = new ArrayList<>();

	private Supervisor supervisor() {
		return new Supervisor(this.dir, this.said::add);
	}

	private long start(ProcessSpec spec) {
		long pid = supervisor().start(spec, false);
		this.started.add(pid);
		return pid;
	}

	@AfterEach
	void endEverything() {
		Supervisor supervisor = supervisor();
		supervisor.stop(List.copyOf(supervisor.pids().keySet()), Duration.ofSeconds(30));
		this.started.forEach((pid) -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
		this.strangers.forEach(Process::destroyForcibly);
	}

	@Test
	void startsAProcessWaitsUntilItIsReadyAndRecordsItForAnotherInvocation() {
		try (Ports ports = Ports.reserve(List.of("IDLE_PORT"))) {
			ProcessSpec spec = idle("idle", ports, "IDLE_PORT");
			long pid = start(spec);
			supervisor().awaitReady(spec, GENEROUS);

			// Another supervisor on the same folder, as a second terminal has it.
			Supervisor another = supervisor();
			assertThat(another.pids()).isEqualTo(Map.of("idle", pid));
			assertThat(another.spec("idle")).hasValueSatisfying((recorded) -> {
				assertThat(recorded.command()).isEqualTo(spec.command());
				assertThat(recorded.environment()).containsEntry("IDLE_GREETING", "hello");
				assertThat(recorded.readiness()).isEqualTo(spec.readiness());
			});
			assertThat(ProcessHandle.of(pid).flatMap((process) -> process.info().arguments()))
				.hasValueSatisfying((arguments) -> assertThat(arguments).contains(another.marker("idle")));
		}
	}

	@Test
	void killEndsTheProcessAtOnceAndRestartStartsItAgainAsRecorded() {
		try (Ports ports = Ports.reserve(List.of("IDLE_PORT"))) {
			long first = start(idle("idle", ports, "IDLE_PORT"));

			supervisor().kill("idle");
			assertThat(supervisor().running("idle")).isEmpty();
			// Killed, it may stay a zombie until this JVM's process reaper collects it.
			await().atMost(GENEROUS).until(() -> ProcessHandle.of(first).filter(ProcessHandle::isAlive).isEmpty());
			assertThat(this.dir.resolve("pids/idle.pid")).doesNotExist();

			long second = supervisor().restart("idle", GENEROUS, GENEROUS);
			this.started.add(second);
			assertThat(second).isNotEqualTo(first);
			assertThat(supervisor().running("idle")).contains(second);
			assertThat(supervisor().spec("idle"))
				.hasValueSatisfying((spec) -> assertThat(spec.readiness().ready()).isTrue());
			assertThat(this.said).contains("killed idle (" + first + ")");
		}
	}

	@Test
	void stopEndsEveryProcessAndForgetsItsPid() {
		try (Ports ports = Ports.reserve(List.of("ONE_PORT", "TWO_PORT"))) {
			long one = start(idle("one", ports, "ONE_PORT"));
			long two = start(idle("two", ports, "TWO_PORT"));

			supervisor().stop(List.of("one", "two"), GENEROUS);

			assertThat(List.of(one, two))
				.noneMatch((pid) -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
			assertThat(supervisor().pids()).isEmpty();
			assertThat(this.said).contains("stopped one (" + one + ")", "stopped two (" + two + ")");
		}
	}

	@Test
	void aRecordedPidThatNowBelongsToAnotherProcessIsNeverSignalled() throws Exception {
		try (Ports ports = Ports.reserve(List.of("IDLE_PORT"))) {
			ProcessSpec spec = idle("idle", ports, "IDLE_PORT");
			start(spec);
			supervisor().kill("idle");
			// The PID is reused: another program runs under the PID the record names.
			Process stranger = new ProcessBuilder(spec.command()).start();
			this.strangers.add(stranger);
			Files.writeString(this.dir.resolve("pids/idle.pid"), stranger.pid() + "\n");

			assertThat(supervisor().running("idle")).isEmpty();
			supervisor().stop(List.of("idle"), Duration.ofSeconds(5));
			assertThat(stranger.waitFor(2, TimeUnit.SECONDS)).as("the stranger still runs").isFalse();
			assertThat(this.said).noneMatch((line) -> line.contains(Long.toString(stranger.pid())));
		}
	}

	@Test
	void reservedPortsAreFreeDistinctAndHeldUntilReleased() throws IOException {
		try (Ports ports = Ports.reserve(List.of("A", "B", "C"))) {
			List<Integer> reserved = List.of(ports.port("A"), ports.port("B"), ports.port("C"));
			assertThat(reserved).doesNotHaveDuplicates()
				.allSatisfy((port) -> assertThat(port).isBetween(20_000, 32_000));
			assertThatIOException().isThrownBy(() -> new ServerSocket(ports.port("A")).close());

			ports.release(ports.port("A"));
			try (ServerSocket socket = new ServerSocket(ports.port("A"))) {
				assertThat(socket.getLocalPort()).isEqualTo(ports.port("A"));
			}
			assertThat(ports.asSettings()).containsOnlyKeys("A", "B", "C");
		}
	}

	/** An {@link Idle} on the port reserved as {@code variable}, released for it. */
	private ProcessSpec idle(String name, Ports ports, String variable) {
		int port = ports.port(variable);
		ports.release(port);
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// Idle needs nothing but its own class: a short command line, as the stack's are.
		String classes = Path.of(Idle.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
		List<String> command = List.of(java, "-Xmx32m", "-cp", classes, Idle.class.getName(), Integer.toString(port));
		return new ProcessSpec(name, 0, command, Map.of("IDLE_GREETING", "hello"), List.of(port),
				new Readiness.Port(port), "localhost:" + port);
	}

}
