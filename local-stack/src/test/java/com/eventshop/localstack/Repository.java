package com.eventshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;

/**
 * The files of this repository that the tests read: scripts, the compose file and the
 * services' {@code application.yml}.
 */
final class Repository {

	/** The five services, by module name. */
	static final List<String> SERVICES = List.of("order-service", "inventory-service", "email-service",
			"shipping-service", "analytics-service");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

	private static final Path ROOT = findRoot();

	private Repository() {
	}

	static Path root() {
		return ROOT;
	}

	static String read(String path) {
		try {
			return Files.readString(ROOT.resolve(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, Object> yaml(String path) {
		return new Yaml().load(read(path));
	}

	/**
	 * The environment variables a service reads through {@code ${VAR:default}}
	 * placeholders in its {@code application.yml}, with their defaults ("" when none).
	 */
	static Map<String, String> placeholders(String service) {
		Map<String, String> variables = new LinkedHashMap<>();
		Matcher matcher = PLACEHOLDER.matcher(read(service + "/src/main/resources/application.yml"));
		while (matcher.find()) {
			variables.put(matcher.group(1), (matcher.group(2) != null) ? matcher.group(2) : "");
		}
		return variables;
	}

	/** {@code ORDER} for the order service: what its database variables start with. */
	static String databaseVariablePrefix(String service) {
		return placeholders(service).keySet()
			.stream()
			.filter((name) -> name.endsWith("_DB_URL"))
			.map((name) -> name.substring(0, name.length() - "_DB_URL".length()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(service + " reads no *_DB_URL variable"));
	}

	/**
	 * The port a service listens on unless told otherwise: the default of server.port.
	 */
	static int defaultPort(String service) {
		Map<String, Object> server = child(yaml(service + "/src/main/resources/application.yml"), "server");
		Matcher matcher = PLACEHOLDER.matcher(String.valueOf(server.get("port")));
		if (!matcher.matches()) {
			throw new AssertionError(service + ": server.port is not a ${VAR:default} placeholder");
		}
		return Integer.parseInt(matcher.group(2));
	}

	static Map<String, Object> child(Map<String, Object> map, String key) {
		return map(map.get(key));
	}

	/** A YAML mapping, or an empty one for anything else. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> map(@Nullable Object value) {
		return (value instanceof Map<?, ?>) ? (Map<String, Object>) value : Map.of();
	}

	private static Path findRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("scripts/local-stack.sh"))) {
				return dir;
			}
		}
		throw new IllegalStateException("Not inside the EventShop repository: " + Path.of("").toAbsolutePath());
	}

}
