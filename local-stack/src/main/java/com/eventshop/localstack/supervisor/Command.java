package com.eventshop.localstack.supervisor;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The commands of {@code scripts/local-stack.sh}, each with what it takes and what it
 * does: {@link Main} runs them, and {@link #usage()} tells them, so that no command is
 * run without being told or told without being run.
 */
enum Command {

	UP("up [--scale]", "start what is not running, wait until all is healthy, stay in the foreground: "
			+ "Ctrl-C stops it all; --scale (or LOCAL_STACK_SCALE=true): three brokers (kafka, kafka-2, kafka-3) "
			+ "and two instances of every service (order, order-2, ...)"),

	START("start [--scale]", "the same, but return once healthy"),

	STOP("stop", "stop everything the stack started"),

	STATUS("status", "what runs, with PIDs, readiness and where"),

	RESTART("restart NAME",
			"stop one process (kafka, greenmail, zipkin, auth-server, order, order-2, ..., edge) "
					+ "and start it again as it was started"),

	KILL("kill NAME", "kill -9 one process, to try a failure"),

	TOPICS("topics", "the broker's topics (Kafka's own tool)"),

	EVENTS("events TOPIC", "a topic's records with their keys and headers, from the beginning"),

	GROUPS("groups", "the consumer groups, with their lag"),

	POISON("poison [N]",
			"publish N (1) unreadable records to shop.orders.v1, for the dead-letter desk; prints their keys"),

	HELP("help", "this text");

	private static final String SCRIPT = "scripts/local-stack.sh";

	/** Where descriptions begin, after the synopses. */
	private static final int INDENT = 20;

	/** Where a line of the usage ends at the latest, but for a long word. */
	private static final int WIDTH = 90;

	private final String synopsis;

	private final String description;

	Command(String synopsis, String description) {
		this.synopsis = synopsis;
		this.description = description;
	}

	/** How the command is typed after the script's name: {@code restart NAME}. */
	String synopsis() {
		return this.synopsis;
	}

	/** The command a word names, as typed ({@code up}, {@code poison}). */
	static Optional<Command> named(String word) {
		return Arrays.stream(values()).filter((command) -> command.word().equals(word)).findFirst();
	}

	/**
	 * What the script does and every command it takes, as {@code help} prints it.
	 */
	static String usage() {
		String commands = Arrays.stream(values()).map(Command::told).collect(Collectors.joining());
		return """
				usage: %s COMMAND

				The whole of EventShop on this machine, without Docker: a Kafka broker (KRaft), an
				SMTP server whose mail can be read (GreenMail), a trace server (Zipkin), the
				authorization server, the five services and the gateway (edge) in front of them,
				each its own JVM.

				%s
				The script builds what is missing or older than its sources before up, start and
				restart. Settings (environment variables) and the stack's folder: docs/running.md.
				""".formatted(SCRIPT, commands);
	}

	private String word() {
		return this.synopsis.split(" ", 2)[0];
	}

	/** The synopsis, then the description, wrapped at {@link #WIDTH} and indented. */
	private String told() {
		StringBuilder text = new StringBuilder("  " + this.synopsis);
		text.append(" ".repeat(Math.max(1, INDENT - text.length())));
		int column = text.length();
		for (String word : this.description.split(" ")) {
			if (column > INDENT && column + 1 + word.length() > WIDTH) {
				text.append('\n').append(" ".repeat(INDENT));
				column = INDENT;
			}
			else if (column > INDENT) {
				text.append(' ');
				column++;
			}
			text.append(word);
			column += word.length();
		}
		return text.append('\n').toString();
	}

}
