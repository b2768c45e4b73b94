package com.eventshop.localstack.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line behind {@code scripts/local-stack.sh}: the {@link Command}s, with
 * settings from the environment. {@code help} prints what each does; no command or an
 * unknown one prints the same as an error (exit status 2).
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws Exception {
		Optional<Command> command = Command.named((args.length > 0) ? args[0] : "");
		if (command.isEmpty()) {
			if (args.length > 0) {
				System.err.println("local-stack: no such command: " + args[0]);
			}
			System.err.print(Command.usage());
			System.exit(2);
		}
		try {
			System.exit(run(command.get(), args));
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			System.err.println("local-stack: " + ex.getMessage());
			System.exit(1);
		}
	}

	private static int run(Command command, String[] args) throws Exception {
		return switch (command) {
			case UP -> up(stack(scalable(args, System.getenv())));
			case START -> start(stack(scalable(args, System.getenv())));
			case STOP -> {
				stack(System.getenv()).stop();
				yield 0;
			}
			case STATUS -> {
				if (!stack(System.getenv()).status(System.out::println)) {
					say("nothing runs");
				}
				yield 0;
			}
			case RESTART -> {
				LocalStack stack = stack(System.getenv());
				stack.restart(name(args, stack));
				yield 0;
			}
			case KILL -> {
				LocalStack stack = stack(System.getenv());
				stack.kill(name(args, stack));
				yield 0;
			}
			case TOPICS -> kafkaTools().topics();
			case EVENTS -> {
				if (args.length < 2) {
					throw new IllegalArgumentException("usage: local-stack.sh events TOPIC");
				}
				yield kafkaTools().events(args[1]);
			}
			case GROUPS -> kafkaTools().groups();
			case POISON -> kafkaTools().poison((args.length > 1) ? count(args[1]) : 1);
			case HELP -> {
				System.out.print(Command.usage());
				yield 0;
			}
		};
	}

	private static LocalStack stack(Map<String, String> settings) {
		Path root = Path.of(System.getProperty("eventshop.root", ".")).toAbsolutePath().normalize();
		return new LocalStack(root, settings, Main::say);
	}

	private static KafkaTools kafkaTools() {
		return new KafkaTools(stack(System.getenv()), Main::say);
	}

	/**
	 * The environment, scaled out ({@code LOCAL_STACK_SCALE=true}, passed on to every
	 * process like the rest) when {@code up} or {@code start} is given {@code --scale}.
	 */
	static Map<String, String> scalable(String[] args, Map<String, String> environment) {
		Map<String, String> settings = new HashMap<>(environment);
		if (args.length > 1) {
			if (args.length > 2 || !args[1].equals("--scale")) {
				throw new IllegalArgumentException("usage: local-stack.sh " + args[0] + " [--scale]");
			}
			settings.put("LOCAL_STACK_SCALE", "true");
		}
		return settings;
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

	private static int count(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("usage: local-stack.sh poison [N], N a number of records");
		}
	}

	private static void say(String line) {
		System.out.println("local-stack: " + line);
		System.out.flush();
	}

}
