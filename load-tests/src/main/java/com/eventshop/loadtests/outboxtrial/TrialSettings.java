package com.eventshop.loadtests.outboxtrial;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trial's settings, from {@code name=value} arguments: {@code events} (100000, the
 * drain's backlog), {@code drain-timeout-seconds} (180), {@code outage} (true),
 * {@code rate} (200 events/s), {@code stream-seconds} (60), {@code keys} (50),
 * {@code kill-after-seconds} (20), {@code down-seconds} (20), {@code recovery-seconds}
 * (90, how long delivery is awaited after the stream), {@code candidates}
 * (ours,modulith,namastack), {@code label}, {@code out} (docs/benchmarks), {@code root}
 * (the repository), {@code stack-dir}, {@code lib} (the broker's jars),
 * {@code kafka-port} (29092), {@code db-host} (127.0.0.1:5432), {@code db-user} and
 * {@code db-password} (eventshop).
 */
record TrialSettings(Map<String, String> values) {

	static TrialSettings parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("expected name=value, got " + arg);
			}
			values.put(arg.substring(0, equals), arg.substring(equals + 1));
		}
		return new TrialSettings(Map.copyOf(values));
	}

	private String get(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	int events() {
		return Integer.parseInt(get("events", "100000"));
	}

	Duration drainTimeout() {
		return Duration.ofSeconds(Long.parseLong(get("drain-timeout-seconds", "180")));
	}

	boolean outage() {
		return Boolean.parseBoolean(get("outage", "true"));
	}

	int rate() {
		return Integer.parseInt(get("rate", "200"));
	}

	int streamSeconds() {
		return Integer.parseInt(get("stream-seconds", "60"));
	}

	int keys() {
		return Integer.parseInt(get("keys", "50"));
	}

	Duration killAfter() {
		return Duration.ofSeconds(Long.parseLong(get("kill-after-seconds", "20")));
	}

	Duration downFor() {
		return Duration.ofSeconds(Long.parseLong(get("down-seconds", "20")));
	}

	Duration recoveryTimeout() {
		return Duration.ofSeconds(Long.parseLong(get("recovery-seconds", "90")));
	}

	List<Candidate> candidates() {
		return Arrays.stream(get("candidates", "ours,modulith,namastack").split(",")).map((name) -> switch (name) {
			case "ours" -> (Candidate) new OurOutbox();
			case "modulith" -> new ModulithRegistry();
			case "namastack" -> new NamastackOutbox();
			default -> throw new IllegalArgumentException("unknown candidate " + name);
		}).toList();
	}

	String name() {
		String label = get("label", "");
		return LocalDate.now() + "-outbox-trial" + (label.isBlank() ? "" : "-" + label);
	}

	Path out() {
		return root().resolve(get("out", "docs/benchmarks"));
	}

	Path root() {
		return Path.of(get("root", ".")).toAbsolutePath().normalize();
	}

	int kafkaPort() {
		return Integer.parseInt(get("kafka-port", "29092"));
	}

	String dbHost() {
		return get("db-host", "127.0.0.1:5432");
	}

	String dbUser() {
		return get("db-user", "eventshop");
	}

	String dbPassword() {
		return get("db-password", "eventshop");
	}

	/** The stack supervisor's settings: its own folder and ports, the broker only. */
	Map<String, String> stackEnvironment() {
		return Map.of("LOCAL_STACK_DIR", get("stack-dir", root().resolve(".outbox-trial-stack").toString()),
				"LOCAL_STACK_LIB", get("lib", root().resolve("local-stack/target/lib").toString()), "KAFKA_PORT",
				Integer.toString(kafkaPort()), "KAFKA_CONTROLLER_PORT", Integer.toString(kafkaPort() + 1));
	}

}
