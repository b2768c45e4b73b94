package com.eventshop.localstack.supervisor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The command line behind {@code scripts/local-stack.sh}: {@code up}, {@code start},
 * {@code stop}, {@code status}, {@code restart NAME}, {@code kill NAME}, {@code topics},
 * {@code events TOPIC}, {@code groups}, {@code poison [N]}. Settings come from the
 * environment.
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of(System.getProperty("eventshop.root", ".")).toAbsolutePath().normalize();
		LocalStack stack = new LocalStack(root, System.getenv(), Main::say);
		String command = (args.length > 0) ? args[0] : "";
		try {
			System.exit(switch (command) {
				case "up" -> up(stack);
				case "start" -> start(stack);
				case "stop" -> {
					stack.stop();
					yield 0;
				}
				case "status" -> {
					if (!stack.status(System.out::println)) {
						say("nothing runs");
					}
					yield 0;
				}
				case "restart" -> {
					stack.restart(name(args, stack));
					yield 0;
				}
				case "kill" -> {
					stack.kill(name(args, stack));
					yield 0;
				}
				case "topics" -> kafkaTool(stack, "org.apache.kafka.tools.TopicCommand", "--list");
				case "events" -> {
					if (args.length < 2) {
						throw new IllegalArgumentException("usage: local-stack.sh events TOPIC");
					}
					say("records of " + args[1] + " from the beginning, then new ones as they come (Ctrl-C to stop)");
					yield kafkaTool(stack, "org.apache.kafka.tools.consumer.ConsoleConsumer", "--topic", args[1],
							"--from-beginning", "--formatter-property", "print.timestamp=true", "--formatter-property",
							"print.key=true", "--formatter-property", "print.headers=true");
				}
				case "groups" -> kafkaTool(stack, "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
						"--describe", "--all-groups");
				case "poison" -> poison(stack, (args.length > 1) ? count(args[1]) : 1);
				default -> {
					System.err.println("usage: local-stack.sh up|start|stop|status|restart NAME|kill NAME|topics|"
							+ "events TOPIC|groups|poison [N]");
					yield 2;
				}
			});
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			System.err.println("local-stack: " + ex.getMessage());
			System.exit(1);
		}
	}

	/**
	 * Starts what is not running, then stays in the foreground, telling when a process
	 * exits on its own; SIGTERM or SIGINT (Ctrl-C, forwarded by the script) stops it all.
	 */
	private static int up(LocalStack stack) {
		Thread stopper = new Thread(() -> {
			say("");
			say("stopping");
			stack.close();
		}, "stop the stack");
		Runtime.getRuntime().addShutdownHook(stopper);
		Instant begun = Instant.now();
		stack.start();
		System.out.print(Banner.text(stack, Duration.between(begun, Instant.now())));
		System.out.println();
		System.out.println("Stop with Ctrl-C (or scripts/local-stack.sh stop from another terminal).");
		List<String> watched = new ArrayList<>(stack.names());
		while (true) {
			Supervisor.pause(Duration.ofSeconds(2));
			Map<String, Long> running = stack.pids();
			for (String name : List.copyOf(watched)) {
				boolean recorded = stack.dir().resolve("pids/" + name + ".pid").toFile().exists();
				if (!running.containsKey(name) && recorded && !stack.stopping()) {
					say(name + " exited on its own; see " + stack.supervisor().log(name));
					stack.supervisor().stop(List.of(name), Duration.ZERO);
				}
			}
			// While a stop runs (a signal to this JVM, or `stop` in another terminal),
			// the processes go one by one; the end is told once it is done.
			if (running.isEmpty() && !stack.stopping()) {
				try {
					Runtime.getRuntime().removeShutdownHook(stopper);
				}
				catch (IllegalStateException ex) {
					// this JVM is shutting down: its hook tells the rest
					return 130;
				}
				say("everything has stopped");
				return 0;
			}
		}
	}

	private static int start(LocalStack stack) {
		// A Ctrl-C while starting stops what was started.
		Thread stopper = new Thread(stack::close, "stop the stack");
		Runtime.getRuntime().addShutdownHook(stopper);
		Instant begun = Instant.now();
		stack.start();
		Runtime.getRuntime().removeShutdownHook(stopper);
		System.out.print(Banner.text(stack, Duration.between(begun, Instant.now())));
		System.out.println();
		System.out.println("Stop it with: scripts/local-stack.sh stop");
		return 0;
	}

	private static String name(String[] args, LocalStack stack) {
		if (args.length < 2 || !stack.names().contains(args[1])) {
			throw new IllegalArgumentException(
					"usage: local-stack.sh " + args[0] + " NAME, one of " + String.join(" ", stack.names()));
		}
		return args[1];
	}

	/**
	 * Publishes {@code count} poison records to the orders topic with Kafka's console
	 * producer, then says what it published (key and event id of each).
	 */
	private static int poison(LocalStack stack, int count) throws Exception {
		List<Poison.Record> records = Poison.records(count, UUID::randomUUID);
		List<String> args = new ArrayList<>(List.of("--topic", Poison.TOPIC, "--sync"));
		Poison.READER_PROPERTIES.forEach((property) -> args.addAll(List.of("--reader-property", property)));
		String input = records.stream().map((record) -> record.line() + "\n").collect(Collectors.joining());
		int exit = kafkaToolReading(stack, input, "org.apache.kafka.tools.ConsoleProducer",
				args.toArray(String[]::new));
		if (exit == 0) {
			records.forEach((record) -> say("injected " + record.told()));
		}
		return exit;
	}

	private static int count(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("usage: local-stack.sh poison [N], N a number of records");
		}
	}

	/** One of Kafka's command-line tools, on the stack's broker. */
	private static int kafkaTool(LocalStack stack, String tool, String... args) throws Exception {
		return kafkaToolReading(stack, null, tool, args);
	}

	/**
	 * One of Kafka's command-line tools, on the stack's broker, reading {@code input} if
	 * given.
	 */
	private static int kafkaToolReading(LocalStack stack, @Nullable String input, String tool, String... args)
			throws Exception {
		ProcessSpec kafka = stack.supervisor()
			.spec("kafka")
			.filter((spec) -> stack.supervisor().running("kafka").isPresent())
			.orElseThrow(() -> new IllegalStateException(
					"Kafka is not running; start the stack first: scripts/local-stack.sh up"));
		int port = ((Readiness.Port) kafka.readiness()).port();
		List<String> command = new ArrayList<>(stack.kafkaToolJava());
		command.add(tool);
		command.addAll(List.of(args));
		command.addAll(List.of("--bootstrap-server", "127.0.0.1:" + port));
		ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
		if (input == null) {
			return builder.start().waitFor();
		}
		Process process = builder.redirectInput(ProcessBuilder.Redirect.PIPE).start();
		try (var stdin = process.getOutputStream()) {
			stdin.write(input.getBytes(StandardCharsets.UTF_8));
		}
		return process.waitFor();
	}

	private static void say(String line) {
		System.out.println("local-stack: " + line);
		System.out.flush();
	}

}
