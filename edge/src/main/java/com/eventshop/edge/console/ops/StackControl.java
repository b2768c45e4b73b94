package com.eventshop.edge.console.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The local stack's processes, through the stack supervisor's own command line
 * ({@code local-stack/target/classes}, as {@code scripts/local-stack.sh} runs it): what
 * runs, kill -9 one, restart one, publish a poison record. Each action runs in its own
 * JVM, in the background: a restart waits until the process is ready again, which takes a
 * while.
 */
@Component
class StackControl {

	/** What the panel may break: everything but the door it is served through. */
	static final Set<String> BREAKABLE = Set.of("kafka", "greenmail", "order", "inventory", "email", "shipping",
			"analytics");

	/**
	 * Where {@code local-stack.sh poison} publishes: {@code Topics.ORDERS}, named here
	 * only to tell the operator (the gateway does not depend on the events module).
	 */
	static final String POISONED_TOPIC = "shop.orders.v1";

	private static final String SAID = "local-stack: ";

	private static final Pattern STATUS = Pattern
		.compile("^\\s+(\\S+)\\s+(running|stopped)(?:\\s+pid\\s+(\\d+)\\s+(ready|not ready))?");

	private final BreakItSettings settings;

	private final Deque<Action> actions = new ConcurrentLinkedDeque<>();

	StackControl(BreakItSettings settings) {
		this.settings = settings;
	}

	/** Every process of the stack: running or not, and whether it is ready. */
	Map<String, String> status() {
		Map<String, String> processes = new LinkedHashMap<>();
		for (String line : run("status").lines().toList()) {
			Matcher status = STATUS.matcher(line);
			if (status.find()) {
				String state = status.group(2);
				if (status.group(4) != null) {
					state = status.group(4).equals("ready") ? "running" : "starting";
				}
				processes.put(status.group(1), state);
			}
		}
		return processes;
	}

	List<Action> actions() {
		return new ArrayList<>(this.actions);
	}

	/** Starts {@code kill} or {@code restart} of one process and returns at once. */
	Action act(String command, String name) {
		return start(new Action(command, name, Instant.now()), command, name);
	}

	/**
	 * Starts publishing one poison record to the orders topic and returns at once; the
	 * action's outcome names its key and event id once it is published.
	 */
	Action poison() {
		return start(new Action("poison", POISONED_TOPIC, Instant.now()), "poison", "1");
	}

	private Action start(Action action, String... arguments) {
		this.actions.addFirst(action);
		while (this.actions.size() > 20) {
			this.actions.removeLast();
		}
		Thread.ofVirtual().name("break-it " + String.join(" ", arguments)).start(() -> action.end(run(arguments)));
		return action;
	}

	private String run(String... arguments) {
		Path root = Path.of(this.settings.stackRoot());
		List<String> command = new ArrayList<>(List.of(java(), "-Deventshop.root=" + root, "-cp",
				root.resolve("local-stack/target/classes").toString(), "com.eventshop.localstack.supervisor.Main"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int exit = process.waitFor();
			return (exit == 0) ? output : "failed (exit " + exit + "): " + output;
		}
		catch (IOException ex) {
			return "failed: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/** The Java that runs this edge runs the supervisor too. */
	private static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/** One kill, restart or poison the panel asked for, and how it ended. */
	static final class Action {

		private final String command;

		private final String name;

		private final Instant at;

		private volatile @Nullable String outcome;

		Action(String command, String name, Instant at) {
			this.command = command;
			this.name = name;
			this.at = at;
		}

		/**
		 * Done, or how it failed; what the command said it injected is kept, so that the
		 * operator can find the record again.
		 */
		void end(String output) {
			if (output.startsWith("failed") || output.equals("interrupted")) {
				this.outcome = output.strip();
				return;
			}
			List<String> injected = output.lines()
				.filter((line) -> line.startsWith(SAID + "injected "))
				.map((line) -> line.substring(SAID.length()))
				.toList();
			this.outcome = injected.isEmpty() ? "done" : "done: " + String.join("; ", injected);
		}

		public String getCommand() {
			return this.command;
		}

		public String getName() {
			return this.name;
		}

		public Instant getAt() {
			return this.at;
		}

		public @Nullable String getOutcome() {
			return this.outcome;
		}

	}

}
