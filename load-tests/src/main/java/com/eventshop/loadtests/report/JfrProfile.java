package com.eventshop.loadtests.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;

/**
 * Where a JVM spent its CPU, from the execution samples of a JFR recording. Each sample
 * is charged to the first frame, from the top of the stack, that is not the JDK itself: a
 * socket read is charged to the JDBC driver or the Kafka client that asked for it, which
 * is what a reader needs to know.
 */
public final class JfrProfile {

	private static final List<String[]> AREAS = List.of(new String[] { "org.postgresql.", "PostgreSQL JDBC driver" },
			new String[] { "com.zaxxer.hikari.", "connection pool (Hikari)" },
			new String[] { "org.hibernate.", "Hibernate" }, new String[] { "org.apache.kafka.", "Kafka client" },
			new String[] { "org.springframework.kafka.", "Spring Kafka" },
			new String[] { "tools.jackson.", "JSON (Jackson)" }, new String[] { "com.fasterxml.", "JSON (Jackson)" },
			new String[] { "com.networknt.", "JSON Schema validation" },
			new String[] { "org.apache.tomcat.", "Tomcat" }, new String[] { "org.apache.catalina.", "Tomcat" },
			new String[] { "org.apache.coyote.", "Tomcat" }, new String[] { "io.micrometer.", "metrics (Micrometer)" },
			new String[] { "io.micrometer.tracing.", "tracing" }, new String[] { "brave.", "tracing" },
			new String[] { "zipkin2.", "tracing" }, new String[] { "io.opentelemetry.", "tracing" },
			new String[] { "org.springframework.", "Spring" }, new String[] { "com.eventshop.", "EventShop code" },
			new String[] { "org.flywaydb.", "Flyway" }, new String[] { "ch.qos.logback.", "logging" },
			new String[] { "org.slf4j.", "logging" }, new String[] { "jakarta.", "Jakarta (validation, servlet)" },
			new String[] { "org.hibernate.validator.", "Bean Validation" });

	private JfrProfile() {
	}

	/**
	 * A profile.
	 *
	 * @param samples execution samples in the recording
	 * @param areas share of samples by library area, largest first
	 * @param methods share of samples by charged method, largest first, the top ones
	 * @param missing why the service has no recording (its process exited during the run,
	 * say), or {@code null} when it has one
	 */
	public record Profile(long samples, Map<String, Double> areas, Map<String, Double> methods,
			@Nullable String missing) {

		public Profile(long samples, Map<String, Double> areas, Map<String, Double> methods) {
			this(samples, areas, methods, null);
		}

		/** A service whose recording could not be dumped, and why. */
		public static Profile missing(String why) {
			return new Profile(0, Map.of(), Map.of(), why);
		}

	}

	public static Profile read(Path recording, int topMethods) throws IOException {
		Map<String, Long> areas = new HashMap<>();
		Map<String, Long> methods = new HashMap<>();
		long samples = 0;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
					continue;
				}
				RecordedStackTrace stack = event.getStackTrace();
				if (stack == null || stack.getFrames().isEmpty()) {
					continue;
				}
				samples++;
				String charged = chargedFrame(stack.getFrames());
				areas.merge(area(charged), 1L, Long::sum);
				methods.merge(charged, 1L, Long::sum);
			}
		}
		return new Profile(samples, shares(areas, samples, Integer.MAX_VALUE), shares(methods, samples, topMethods));
	}

	private static String chargedFrame(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String name = name(frame);
			if (!isJdk(name)) {
				return name;
			}
		}
		return name(frames.getFirst());
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	static boolean isJdk(String frame) {
		return frame.startsWith("java.") || frame.startsWith("jdk.") || frame.startsWith("sun.")
				|| frame.startsWith("com.sun.") || frame.startsWith("javax.");
	}

	/** The library area a charged frame belongs to. */
	static String area(String frame) {
		if (isJdk(frame)) {
			return "JDK (no library frame on the stack)";
		}
		String best = "other";
		int bestLength = 0;
		for (String[] area : AREAS) {
			if (frame.startsWith(area[0]) && area[0].length() > bestLength) {
				best = area[1];
				bestLength = area[0].length();
			}
		}
		return best;
	}

	private static Map<String, Double> shares(Map<String, Long> counts, long total, int limit) {
		Map<String, Double> shares = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
			.limit(limit)
			.forEach((e) -> shares.put(e.getKey(), (total == 0) ? 0 : 100.0 * e.getValue() / total));
		return shares;
	}

}
