package com.eventshop.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the project's {@code scripts/postgres-ready.sh} once per JVM when the local
 * PostgreSQL does not accept the test login, so that {@code ./mvnw verify} needs no
 * manual step on a machine with PostgreSQL installed but stopped. Set
 * {@code EVENTSHOP_TEST_DB_AUTOSTART=false} to turn this off.
 */
final class PostgresReadyScript {

	private static final Logger logger = LoggerFactory.getLogger(PostgresReadyScript.class);

	private static boolean ran;

	private PostgresReadyScript() {
	}

	/**
	 * @return whether the script ran and succeeded
	 */
	static synchronized boolean runOnce() {
		if (ran || "false".equalsIgnoreCase(System.getenv("EVENTSHOP_TEST_DB_AUTOSTART"))) {
			return false;
		}
		ran = true;
		Path script = find();
		if (script == null) {
			return false;
		}
		logger.info("Local PostgreSQL not ready; running {}", script);
		try {
			Process process = new ProcessBuilder("bash", script.toString()).inheritIO().start();
			return process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			logger.warn("Could not run {}: {}", script, ex.getMessage());
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * The script of the checkout the tests run in: a module's parent, or an ancestor of
	 * it.
	 */
	private static Path find() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve("scripts").resolve("postgres-ready.sh");
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
