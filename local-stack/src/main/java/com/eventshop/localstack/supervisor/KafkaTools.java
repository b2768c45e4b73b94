package com.eventshop.localstack.supervisor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Kafka's own command-line tools on the stack's broker, each in its own JVM with the
 * broker's jars: the commands {@code topics}, {@code events TOPIC}, {@code groups} and
 * {@code poison [N]}.
 */
final class KafkaTools {

	private final LocalStack stack;

	private final Consumer<String> say;

	KafkaTools(LocalStack stack, Consumer<String> say) {
		this.stack = stack;
		this.say = say;
	}

	int topics() throws Exception {
		return run(null, "org.apache.kafka.tools.TopicCommand", "--list");
	}

	/** A topic's records from the beginning, then new ones as they come. */
	int events(String topic) throws Exception {
		this.say.accept("records of " + topic + " from the beginning, then new ones as they come (Ctrl-C to stop)");
		return run(null, "org.apache.kafka.tools.consumer.ConsoleConsumer", "--topic", topic, "--from-beginning",
				"--formatter-property", "print.timestamp=true", "--formatter-property", "print.key=true",
				"--formatter-property", "print.headers=true");
	}

	int groups() throws Exception {
		return run(null, "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--describe", "--all-groups");
	}

	/**
	 * Publishes {@code count} poison records to the orders topic with Kafka's console
	 * producer, then says what it published (key and event id of each).
	 */
	int poison(int count) throws Exception {
		List<Poison.Record> records = Poison.records(count, UUID::randomUUID);
		List<String> args = new ArrayList<>(List.of("--topic", Poison.TOPIC, "--sync"));
		Poison.READER_PROPERTIES.forEach((property) -> args.addAll(List.of("--reader-property", property)));
		String input = records.stream().map((record) -> record.line() + "\n").collect(Collectors.joining());
		int exit = run(input, "org.apache.kafka.tools.ConsoleProducer", args.toArray(String[]::new));
		if (exit == 0) {
			records.forEach((record) -> this.say.accept("injected " + record.told()));
		}
		return exit;
	}

	/** One of Kafka's tools on the stack's broker, reading {@code input} if given. */
	private int run(@Nullable String input, String tool, String... args) throws Exception {
		ProcessSpec kafka = this.stack.supervisor()
			.spec("kafka")
			.filter((spec) -> this.stack.supervisor().running("kafka").isPresent())
			.orElseThrow(() -> new IllegalStateException(
					"Kafka is not running; start the stack first: scripts/local-stack.sh up"));
		int port = ((Readiness.Port) kafka.readiness()).port();
		List<String> command = new ArrayList<>(this.stack.kafkaToolJava());
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

}
