package com.eventshop.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker and PostgreSQL server that tests of this JVM use, started once and
 * stopped when the JVM exits.
 */
public abstract class TestInfrastructure {

	/**
	 * System property that forces a mode: {@code docker}, {@code local} or {@code auto}.
	 */
	public static final String MODE_PROPERTY = "it.infra";

	/**
	 * Operator login of the HTTP Basic era; service test contexts now trust
	 * {@link TestTokens} instead. Kept until the system tests' HTTP clients send tokens.
	 */
	public static final String ADMIN_USER = "test-admin";

	/** Operator password of the HTTP Basic era (see {@link #ADMIN_USER}). */
	public static final String ADMIN_PASSWORD = "test-admin-password";

	private static final Logger logger = LoggerFactory.getLogger(TestInfrastructure.class);

	private static volatile TestInfrastructure instance;

	/**
	 * The infrastructure of this JVM, started on first use.
	 * @return the running infrastructure
	 */
	public static TestInfrastructure get() {
		TestInfrastructure current = instance;
		if (current == null) {
			synchronized (TestInfrastructure.class) {
				current = instance;
				if (current == null) {
					current = start();
					Runtime.getRuntime().addShutdownHook(new Thread(current::stop, "test-infrastructure-stop"));
					instance = current;
				}
			}
		}
		return current;
	}

	private static TestInfrastructure start() {
		String mode = System.getProperty(MODE_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
		return switch (mode) {
			case "docker" -> DockerInfrastructure.start();
			case "local" -> LocalInfrastructure.start();
			case "auto", "" -> startAutomatically();
			default -> throw new IllegalStateException(
					"Unknown -D" + MODE_PROPERTY + "=" + mode + "; use docker, local or auto.");
		};
	}

	private static TestInfrastructure startAutomatically() {
		String dockerProblem = dockerProblem();
		if (dockerProblem == null) {
			logger.info("Test infrastructure: Docker (Testcontainers)");
			return DockerInfrastructure.start();
		}
		String localProblem = LocalInfrastructure.problem();
		if (localProblem == null) {
			logger.info("Test infrastructure: local (in-JVM Kafka, local PostgreSQL); Docker: {}", dockerProblem);
			return LocalInfrastructure.start();
		}
		throw new IllegalStateException("""
				EventShop's tests need Kafka and PostgreSQL, and neither way to get them works here:
				  - Docker: %s
				    Fix: start a Docker engine (Testcontainers then starts Kafka and PostgreSQL).
				  - Local: %s
				    Fix: run scripts/postgres-ready.sh (starts the local PostgreSQL and creates the
				    'eventshop' login); Kafka then runs inside the test JVM.
				Force a mode with -D%s=docker or -D%s=local.""".formatted(dockerProblem, localProblem, MODE_PROPERTY,
				MODE_PROPERTY));
	}

	/** Why Docker cannot be used, or {@code null} when it can. */
	private static String dockerProblem() {
		String dockerHost = System.getenv("DOCKER_HOST");
		boolean socket = Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
		if ((dockerHost == null || dockerHost.isBlank()) && !socket) {
			return "no Docker engine (no DOCKER_HOST and no docker.sock)";
		}
		try {
			return DockerInfrastructure.available() ? null : "Testcontainers found no working Docker environment";
		}
		catch (RuntimeException | LinkageError ex) {
			return "Testcontainers could not reach Docker (" + ex.getMessage() + ")";
		}
	}

	/** Bootstrap servers of the shared broker. */
	public abstract String kafkaBootstrapServers();

	/** Creates a new, empty database with an owner that the service can migrate. */
	public abstract TestDatabase newDatabase();

	/** Human-readable mode name. */
	public abstract String mode();

	protected abstract void stop();

}
