package com.eventshop.system.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.eventshop.localstack.supervisor.LocalStack;
import com.eventshop.localstack.supervisor.Ports;
import com.eventshop.localstack.supervisor.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL down when a service starts: docs/messaging.md promises "fail fast", the
 * process exits non-zero within the pool's connection timeout, saying which database it
 * could not reach, and whatever runs it (compose, Kubernetes, the local stack) starts it
 * again. A service that hung on instead (a thread that keeps the JVM alive after the
 * failed start) would never be restarted: it would sit there, not ready, forever.
 * <p>
 * Each service's own jar, as the stack runs it, with its database URL pointing at a port
 * nothing listens on (connections refused, as when the server is down) and no broker.
 */
class DatabaseDownAtStartTests {

	/**
	 * Generous, only to end a run that would otherwise wait forever: the failure itself
	 * comes seconds after the pool's first attempt, but five JVMs starting at once on a
	 * busy 2-core machine took three minutes to get there.
	 */
	private static final long EXIT_WITHIN_MINUTES = 10;

	@TempDir
	Path logs;

	@Test
	void everyServiceStartedWithItsDatabaseDownExitsNonZeroNamingTheDatabase() throws Exception {
		Path root = root();
		Map<String, Process> started = new LinkedHashMap<>();
		try (Ports ports = Ports.reserve(portNames())) {
			int database = ports.port("DATABASE_PORT");
			int broker = ports.port("KAFKA_PORT");
			// nothing listens on either: connections are refused
			ports.release(database);
			ports.release(broker);
			for (Service service : LocalStack.SERVICES) {
				String prefix = service.variablePrefix();
				int port = ports.port(prefix + "_PORT");
				ports.release(port);
				String url = "jdbc:postgresql://127.0.0.1:" + database + "/" + service.database();
				ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx256m", "-XX:+UseSerialGC",
						"-XX:TieredStopAtLevel=1", "-jar", jar(root, service).toString());
				Map<String, String> environment = builder.environment();
				environment.put(prefix + "_DB_URL", url);
				environment.put(prefix + "_DB_USER", service.database());
				environment.put(prefix + "_DB_PASSWORD", service.database());
				environment.put(prefix + "_PORT", Integer.toString(port));
				environment.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + broker);
				environment.put("TRACING_SAMPLING_PROBABILITY", "0");
				builder.redirectErrorStream(true).redirectOutput(this.logs.resolve(service.name() + ".log").toFile());
				started.put(service.name(), builder.start());
			}
			// Every outcome first, then the verdict, so one service that hangs does not
			// hide what the others did.
			Map<String, String> outcomes = new LinkedHashMap<>();
			Map<String, String> logs = new LinkedHashMap<>();
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(EXIT_WITHIN_MINUTES);
			for (Map.Entry<String, Process> entry : started.entrySet()) {
				Process process = entry.getValue();
				boolean exited = process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				outcomes.put(entry.getKey(), exited ? "exit " + process.exitValue() : "still running");
				logs.put(entry.getKey(),
						Files.readString(this.logs.resolve(entry.getKey() + ".log"), StandardCharsets.UTF_8));
			}
			assertThat(outcomes)
				.as("how each service ended, %d minutes at most after it was started", EXIT_WITHIN_MINUTES)
				.allSatisfy((name, outcome) -> assertThat(outcome)
					.as("%s; the end of its log:%n%s", name, tail(logs.get(name)))
					.startsWith("exit ")
					.isNotEqualTo("exit 0"));
			assertThat(logs).as("each service's log names the database it could not reach")
				.allSatisfy((name, log) -> assertThat(log).as(name)
					.contains("Connection to 127.0.0.1:" + database + " refused"));
		}
		finally {
			started.values().forEach(Process::destroyForcibly);
		}
	}

	private static List<String> portNames() {
		List<String> names = new ArrayList<>(List.of("DATABASE_PORT", "KAFKA_PORT"));
		LocalStack.SERVICES.forEach((service) -> names.add(service.variablePrefix() + "_PORT"));
		return names;
	}

	/** The last lines of a log, enough to see why a service did what it did. */
	private static String tail(String log) {
		List<String> lines = log.lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	/**
	 * The service's runnable jar, as the build packaged it and the local stack runs it.
	 */
	private static Path jar(Path root, Service service) throws IOException {
		Path target = root.resolve(service.module()).resolve("target");
		try (var files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no runnable jar of " + service.module() + " in " + target
						+ " (the build packages it before system-tests run)"));
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static Path root() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("scripts/local-stack.sh"))) {
				return dir;
			}
		}
		throw new IllegalStateException("Not inside the EventShop repository: " + Path.of("").toAbsolutePath());
	}

}
