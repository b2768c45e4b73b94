package com.eventshop.loadtests;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark run does, from {@code name=value} arguments (scripts/benchmark.sh
 * passes them from its environment). Defaults give a run of about ten minutes.
 *
 * @param root the repository, for the order service's migrations
 * @param orderUrl the order service
 * @param inventoryUrl the inventory service, whose stock the run tops up
 * @param adminUser operator login of the services
 * @param adminPassword its password
 * @param kafka bootstrap servers of the stack's broker
 * @param dbHost PostgreSQL host
 * @param dbPort PostgreSQL port
 * @param dbPrefix the stack's database prefix
 * @param dbAdminUser a PostgreSQL login that may create databases (for the baseline)
 * @param dbAdminPassword its password
 * @param pids the stack's folder of {@code <name>.pid} files
 * @param out where the report goes
 * @param warmupRate orders per second while warming up
 * @param warmupSeconds how long
 * @param intakeRates the rising rates of the intake phase
 * @param intakeSeconds how long each rate runs
 * @param endToEndRate orders per second of the end-to-end phase; {@code NaN}
 * ({@code auto}) for half the sustainable rate the probe found
 * @param endToEndSeconds how long
 * @param sustainedRate orders per second of the sustained phase; {@code NaN}
 * ({@code auto}) for the sustainable rate the probe found
 * @param probeStartRate the probe's first rate
 * @param probeFactor how much each probe step asks for more than the one before
 * @param probeSeconds how long each probe step runs
 * @param probeMaxRate the probe stops rising at this rate
 * @param sustainedSeconds how long (the goal asks for 300)
 * @param drainEvents outbox rows of the drain phase
 * @param jdbcConcurrency connections of the JDBC baseline (the order service's pool)
 * @param jdbcSeconds how long the JDBC baseline runs
 * @param kafkaRecords records of the Kafka baseline
 * @param smtpHost the stack's SMTP server, for the SMTP baseline
 * @param smtpPort its port
 * @param smtpMessages e-mails of the SMTP baseline, and of the e-mail drain
 * @param smtpConnections connections of the SMTP baseline
 * @param overloadSeconds how long the overload phase asks for twice the sustained rate (0
 * leaves it out)
 * @param maxInFlight unanswered requests after which the generator drops arrivals
 * @param profile whether to record the services with JFR during the load phases
 * @param label what this run is, in the report's title (e.g. "before", "after")
 * @param javaOpts the services' JVM options, for the report
 * @param pools the services' database pool sizes, for the report
 * @param compare the JSON of an earlier run, to show before and after; empty for none
 * @param authUrl the stack's authorization server (its issuer)
 * @param edgeUrl the stack's gateway, for the cost of its hop
 * @param identityRequests requests sent each way (to the service, through the edge) to
 * measure the gateway's hop
 * @param customers how many virtual customers place the orders, each signed in before the
 * measured phases ({@code load-1}..{@code load-N}: the stack's auth-server seeds them
 * with {@code AUTH_LOAD_CUSTOMERS})
 * @param customerPassword their password ({@code AUTH_LOAD_CUSTOMER_PASSWORD})
 * @param analyticsUrl the analytics service, whose read model the last phase rebuilds
 * @param rebuild whether to end with a rebuild of the analytics read model from the order
 * history the run wrote
 * @param tracingSampling the share of requests the services trace
 * ({@code TRACING_SAMPLING_PROBABILITY}), for the report; empty when not given
 * @param scale whether the stack runs scaled out (three brokers, two instances of every
 * service): the orders then go through the gateway, which balances them over both order
 * service instances; a scaled run's label defaults to {@code scaled}
 */
record Settings(Path root, String orderUrl, String inventoryUrl, String adminUser, String adminPassword, String kafka,
		String dbHost, int dbPort, String dbPrefix, String dbAdminUser, String dbAdminPassword, Path pids, Path out,
		double warmupRate, int warmupSeconds, List<Double> intakeRates, int intakeSeconds, double endToEndRate,
		int endToEndSeconds, double sustainedRate, int sustainedSeconds, double probeStartRate, double probeFactor,
		int probeSeconds, double probeMaxRate, int drainEvents, int jdbcConcurrency, int jdbcSeconds, int kafkaRecords,
		String smtpHost, int smtpPort, int smtpMessages, int smtpConnections, int overloadSeconds, int maxInFlight,
		boolean profile, String label, String javaOpts, String pools, String compare, String authUrl, String edgeUrl,
		int identityRequests, int customers, String customerPassword, String analyticsUrl, boolean rebuild,
		String tracingSampling, boolean scale) {

	static Settings parse(String... args) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("arguments are name=value, not " + arg);
			}
			values.put(arg.substring(0, equals), arg.substring(equals + 1));
		}
		Values v = new Values(values);
		boolean scale = Boolean.parseBoolean(v.get("scale", "false"));
		Settings settings = new Settings(Path.of(v.get("root", ".")), v.get("order-url", "http://127.0.0.1:8081"),
				v.get("inventory-url", "http://127.0.0.1:8082"), v.get("admin-user", "admin"),
				v.get("admin-password", ""), v.get("kafka", "127.0.0.1:9092"), v.get("db-host", "127.0.0.1"),
				v.integer("db-port", 5432), v.get("db-prefix", ""), v.get("db-admin-user", "eventshop"),
				v.get("db-admin-password", "eventshop"), Path.of(v.get("pids", ".local-stack/pids")),
				Path.of(v.get("out", "docs/benchmarks")), v.decimal("warmup-rate", 200),
				v.integer("warmup-seconds", 30), v.rates("intake-rates", "300,600,900,1200,1500"),
				v.integer("intake-seconds", 20), v.rate("e2e-rate"), v.integer("e2e-seconds", 60),
				v.rate("sustained-rate"), v.integer("sustained-seconds", 60), v.decimal("probe-start-rate", 20),
				v.decimal("probe-factor", 1.25), v.integer("probe-seconds", 30), v.decimal("probe-max-rate", 3000),
				v.integer("drain-events", 100_000), v.integer("jdbc-concurrency", 20), v.integer("jdbc-seconds", 15),
				v.integer("kafka-records", 100_000), v.get("smtp-host", "127.0.0.1"), v.integer("smtp-port", 3025),
				v.integer("smtp-messages", 5_000), v.integer("smtp-connections", 4), v.integer("overload-seconds", 60),
				v.integer("max-in-flight", 2000), Boolean.parseBoolean(v.get("profile", "true")),
				v.get("label", scale ? "scaled" : ""), v.get("java-opts", ""), v.get("pools", ""), v.get("compare", ""),
				v.get("auth-url", "http://localhost:9000"), v.get("edge-url", "http://127.0.0.1:8080"),
				v.integer("identity-requests", 1_000), v.integer("customers", 50),
				v.get("customer-password", "load-demo"), v.get("analytics-url", "http://127.0.0.1:8085"),
				Boolean.parseBoolean(v.get("rebuild", "true")), v.get("tracing-sampling", ""), scale);
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("unknown settings: " + values.keySet());
		}
		return settings;
	}

	/**
	 * Where the orders are placed: the order service itself on a single stack, the
	 * gateway on a scaled one, so that every order service instance gets its share.
	 */
	String ordersUrl() {
		return (this.scale ? this.edgeUrl : this.orderUrl) + "/api/orders";
	}

	/** Takes each value out as it is read, so that what is left over was misspelt. */
	private record Values(Map<String, String> values) {

		String get(String name, String fallback) {
			String value = this.values.remove(name);
			return (value != null) ? value : fallback;
		}

		int integer(String name, int fallback) {
			return Integer.parseInt(get(name, Integer.toString(fallback)));
		}

		double decimal(String name, double fallback) {
			return Double.parseDouble(get(name, Double.toString(fallback)));
		}

		/** A rate, or {@code NaN} for {@code auto} (the default): found by the probe. */
		double rate(String name) {
			String value = get(name, "auto");
			return value.equals("auto") ? Double.NaN : Double.parseDouble(value);
		}

		List<Double> rates(String name, String fallback) {
			return Arrays.stream(get(name, fallback).split(",")).map(String::trim).map(Double::valueOf).toList();
		}

	}

}
