package com.eventshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.eventshop.localstack.identity.AuthClient;
import com.eventshop.localstack.identity.ClientToken;
import com.eventshop.localstack.supervisor.LocalStack;
import com.eventshop.localstack.supervisor.Ports;

import org.springframework.util.FileSystemUtils;

/**
 * A local stack as these tests run it: the README's scripts, with settings of its own so
 * it can run beside anything else on the machine (a developer's own stack, other test
 * runs): free ports, a folder under {@code target/}, databases whose names start with a
 * random prefix, which it drops afterwards. What the script recorded is read through the
 * same supervisor the script runs.
 */
final class TestStack {

	static final List<String> PORT_VARIABLES = List.of("ORDER_PORT", "INVENTORY_PORT", "EMAIL_PORT", "SHIPPING_PORT",
			"ANALYTICS_PORT", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MAIL_PORT", "GREENMAIL_API_PORT", "ZIPKIN_PORT",
			"AUTH_PORT", "EDGE_PORT");

	static final List<String> PROCESSES = List.of("kafka", "greenmail", "zipkin", "auth-server", "order", "inventory",
			"email", "shipping", "analytics", "edge");

	private final Path root = Repository.root();

	private final Path dir;

	private final Ports ports = Ports.reserve(PORT_VARIABLES);

	private final Map<String, String> environment = new LinkedHashMap<>();

	private final LocalStack stack;

	TestStack(String folder) {
		this(folder, Map.of());
	}

	/**
	 * A stack in its own folder {@code local-stack/target/<folder>}, so that two test
	 * stacks of one run (this module's and the console's browser tests) never share one,
	 * with {@code settings} of its own on top (the stack passes every setting on to its
	 * processes, as a shell passes on its environment).
	 */
	TestStack(String folder, Map<String, String> settings) {
		this.dir = this.root.resolve("local-stack/target").resolve(folder);
		FileSystemUtils.deleteRecursively(this.dir.toFile());
		this.environment.putAll(this.ports.asSettings());
		this.environment.put("LOCAL_STACK_DIR", this.dir.toString());
		// The jars this module's build copied, rather
		// than a second Maven run inside the test.
		this.environment.put("LOCAL_STACK_LIB", this.root.resolve("local-stack/target/lib").toString());
		this.environment.put("LOCAL_STACK_DB_PREFIX",
				"stack_test_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36) + "_");
		// Small pools (relaxed binding): the default ones take 60 of the PostgreSQL
		// server's 100 connections, too many beside other test runs on the same server.
		this.environment.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "5");
		// Every order traced, so that the trace test finds the one it looks for.
		this.environment.put("TRACING_SAMPLING_PROBABILITY", "1.0");
		this.environment.putAll(settings);
		this.stack = new LocalStack(this.root, this.environment, (line) -> {
		});
	}

	/**
	 * A script of the repository, run from its root with this stack's settings. The ports
	 * held so far are let go: the script's processes bind them next (they lie below the
	 * ephemeral range, so no outgoing connection takes one meanwhile).
	 */
	ProcessBuilder script(String... command) {
		this.ports.close();
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile()).redirectErrorStream(true);
		builder.environment().putAll(this.environment);
		// The stack generates the operator password when none is given.
		builder.environment().remove("EVENTSHOP_ADMIN_PASSWORD");
		return builder;
	}

	/** The stack's authorization server, to sign people in and get machine tokens. */
	AuthClient auth() {
		return this.stack.auth();
	}

	/** A machine client's token with the secret the stack's settings give. */
	ClientToken clientToken(String clientId) {
		return this.stack.clientToken(clientId);
	}

	String url(String portVariable) {
		return "http://127.0.0.1:" + this.environment.get(portVariable);
	}

	Path dir() {
		return this.dir;
	}

	String database(String name) {
		return this.stack.database(name);
	}

	/** The processes the stack recorded and that still run, by name. */
	Map<String, Long> pids() {
		return this.stack.pids();
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
		return this.stack.connectAsAdmin(database);
	}

	/** Drops the databases and logins the stack created. */
	void dropDatabases() throws SQLException {
		this.stack.dropDatabases();
	}

	/** Log files of the stack, for a failure message. */
	String logTails() {
		return this.stack.logTails();
	}

}
