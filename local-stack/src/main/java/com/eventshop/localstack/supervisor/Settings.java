package com.eventshop.localstack.supervisor;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The environment variables the stack reads, with their defaults: the ports of
 * docker-compose.yml, the folder, the database prefix.
 */
final class Settings {

	private static final Map<String, Integer> DEFAULT_PORTS = Map.ofEntries(Map.entry("ORDER_PORT", 8081),
			Map.entry("INVENTORY_PORT", 8082), Map.entry("EMAIL_PORT", 8083), Map.entry("SHIPPING_PORT", 8084),
			Map.entry("ANALYTICS_PORT", 8085), Map.entry("KAFKA_PORT", 9092), Map.entry("KAFKA_CONTROLLER_PORT", 9093),
			Map.entry("MAIL_PORT", 3025), Map.entry("GREENMAIL_API_PORT", 8025), Map.entry("ZIPKIN_PORT", 9411),
			Map.entry("AUTH_PORT", 9000), Map.entry("EDGE_PORT", 8080),
			// the scaled stack's second and third brokers and second instances
			Map.entry("KAFKA_2_PORT", 9192), Map.entry("KAFKA_2_CONTROLLER_PORT", 9193),
			Map.entry("KAFKA_3_PORT", 9292), Map.entry("KAFKA_3_CONTROLLER_PORT", 9293),
			Map.entry("ORDER_2_PORT", 8091), Map.entry("INVENTORY_2_PORT", 8092), Map.entry("EMAIL_2_PORT", 8093),
			Map.entry("SHIPPING_2_PORT", 8094), Map.entry("ANALYTICS_2_PORT", 8095));

	private final Map<String, String> values;

	Settings(Map<String, String> values) {
		this.values = new TreeMap<>(values);
		String prefix = databasePrefix();
		if (!prefix.matches("[a-z0-9_]*")) {
			throw new IllegalArgumentException("LOCAL_STACK_DB_PREFIX may hold only a-z, 0-9 and _");
		}
	}

	@Nullable String get(String name) {
		return this.values.get(name);
	}

	String getOrDefault(String name, String fallback) {
		String value = this.values.get(name);
		return (value == null || value.isEmpty()) ? fallback : value;
	}

	Map<String, String> all() {
		return this.values;
	}

	Path path(String name, Path fallback) {
		String value = get(name);
		return (value == null || value.isEmpty()) ? fallback : Path.of(value).toAbsolutePath().normalize();
	}

	/**
	 * A port setting; {@code EMAIL_SMTP_PORT}, where the e-mail service sends, defaults
	 * to GreenMail's SMTP port.
	 */
	int port(String name) {
		if (name.equals("EMAIL_SMTP_PORT")) {
			return Integer.parseInt(getOrDefault(name, Integer.toString(port("MAIL_PORT"))));
		}
		Integer fallback = DEFAULT_PORTS.get(name);
		if (fallback == null) {
			throw new IllegalArgumentException("No port setting " + name);
		}
		return Integer.parseInt(getOrDefault(name, Integer.toString(fallback)));
	}

	/** Names of the port settings a stack binds. */
	static Iterable<String> portNames() {
		return new TreeMap<>(DEFAULT_PORTS).keySet();
	}

	/**
	 * Whether the stack runs scaled out ({@code LOCAL_STACK_SCALE=true}, what
	 * {@code local-stack.sh up --scale} sets): three brokers and two instances of every
	 * service.
	 */
	boolean scale() {
		return Boolean.parseBoolean(getOrDefault("LOCAL_STACK_SCALE", "false"));
	}

	String databasePrefix() {
		return getOrDefault("LOCAL_STACK_DB_PREFIX", "");
	}

}
