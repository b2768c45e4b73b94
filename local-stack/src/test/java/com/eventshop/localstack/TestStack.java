package com.eventshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * A local stack as these tests run it: the README's scripts, with settings of its own so
 * it can run beside anything else on the machine (a developer's own stack, other test
 * runs): free ports, a folder under {@code target/}, databases whose names start with a
 * random prefix, which it drops afterwards.
 */
final class TestStack {

	static final List<String> PORT_VARIABLES = List.of("ORDER_PORT", "INVENTORY_PORT", "EMAIL_PORT", "SHIPPING_PORT",
			"ANALYTICS_PORT", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MAIL_PORT", "GREENMAIL_API_PORT");

	static final List<String> PROCESSES = List.of("kafka", "greenmail", "order", "inventory", "email", "shipping",
			"analytics");

	private final Path root = Repository.root();

	private final Path dir = this.root.resolve("local-stack/target/local-stack");

	private final String databasePrefix = "stack_test_"
			+ Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36) + "_";

	private final Map<String, String> environment = new LinkedHashMap<>();

	TestStack() {
		FileSystemUtils.deleteRecursively(this.dir.toFile());
		for (String variable : PORT_VARIABLES) {
			this.environment.put(variable, Integer.toString(freePort()));
		}
		this.environment.put("LOCAL_STACK_DIR", this.dir.toString());
		// The jars this module's build copied, rather than a second Maven run inside the
		// test.
		this.environment.put("LOCAL_STACK_LIB", this.root.resolve("local-stack/target/lib").toString());
		this.environment.put("LOCAL_STACK_DB_PREFIX", this.databasePrefix);
	}

	/** A script of the repository, run from its root with this stack's settings. */
	ProcessBuilder script(String... command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile()).redirectErrorStream(true);
		builder.environment().putAll(this.environment);
		// The stack generates the operator password when none is given.
		builder.environment().remove("EVENTSHOP_ADMIN_PASSWORD");
		return builder;
	}

	String url(String portVariable) {
		return "http://127.0.0.1:" + this.environment.get(portVariable);
	}

	Path dir() {
		return this.dir;
	}

	String database(String name) {
		return this.databasePrefix + name;
	}

	/** The processes the stack recorded, by name. */
	Map<String, Long> pids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		for (String name : PROCESSES) {
			Path file = this.dir.resolve("pids/" + name + ".pid");
			if (Files.exists(file)) {
				pids.put(name, Long.parseLong(read(file).trim()));
			}
		}
		return pids;
	}

	String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Connection connect(String database) throws SQLException {
		String host = System.getenv().getOrDefault("EVENTSHOP_DB_HOST", "127.0.0.1");
		String port = System.getenv().getOrDefault("EVENTSHOP_DB_PORT", "5432");
		return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database,
				System.getenv().getOrDefault("EVENTSHOP_DB_ADMIN_USER", "eventshop"),
				System.getenv().getOrDefault("EVENTSHOP_DB_ADMIN_PASSWORD", "eventshop"));
	}

	/** Drops the databases and logins the stack created. */
	void dropDatabases() throws SQLException {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			for (String name : List.of("orders", "inventory", "email", "shipping", "analytics")) {
				statement.execute("drop database if exists " + database(name) + " with (force)");
				statement.execute("drop role if exists " + database(name));
			}
		}
	}

	/** Log files of the stack, for a failure message. */
	String logTails() {
		Path logs = this.dir.resolve("logs");
		if (!Files.isDirectory(logs)) {
			return "(no logs)";
		}
		try (Stream<Path> files = Files.list(logs)) {
			StringBuilder tails = new StringBuilder();
			files.sorted(Comparator.naturalOrder()).forEach((file) -> {
				List<String> lines = read(file).lines().toList();
				tails.append("--- ").append(file.getFileName()).append('\n');
				lines.subList(Math.max(0, lines.size() - 15), lines.size())
					.forEach((line) -> tails.append(line).append('\n'));
			});
			return tails.toString();
		}
		catch (IOException ex) {
			return "(logs unreadable: " + ex + ")";
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
