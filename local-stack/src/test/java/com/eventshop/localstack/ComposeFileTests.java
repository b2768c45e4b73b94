package com.eventshop.localstack;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.eventshop.events.Topics;
import com.eventshop.localstack.supervisor.LocalStack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs where these tests run, so the compose file cannot be started
 * here. What can be checked is that it agrees with the services it runs: every variable
 * it sets is one a service reads, databases and logins match the init script (and the
 * local stack), ports match each service's {@code server.port}, topics match the event
 * contracts. {@code .ci/run} validates the file against the Compose Specification
 * besides.
 */
class ComposeFileTests {

	private static final Map<String, Object> compose = Repository.yaml("docker-compose.yml");

	private static final Set<String> HEALTHY_DEPENDENCY = Set.of("service_healthy", "service_completed_successfully");

	@Test
	void everyVariableSetForAServiceIsOneThatServiceReads() {
		List<String> unread = new ArrayList<>();
		serviceContainers().forEach((container, service) -> {
			Set<String> placeholders = Repository.placeholders(service).keySet();
			RelaxedBinding binding = RelaxedBinding.of(service);
			for (String variable : environment(container).keySet()) {
				if (!placeholders.contains(variable) && !binding.binds(variable)) {
					unread.add(container + ": " + variable);
				}
			}
		});
		assertThat(unread).as("variables that no property of the service reads").isEmpty();
	}

	@Test
	void aVariableNoPropertyReadsIsNoticed() {
		RelaxedBinding order = RelaxedBinding.of("order-service");
		assertThat(order.binds("EVENTSHOP_MESSAGING_CONSUMER_RETRY_MAXRETRIES")).isTrue();
		assertThat(order.binds("EVENTSHOP_ADMIN_USERNAME")).isFalse();
		assertThat(order.binds("EVENTSHOP_MESSAGING_CONSUMER_RETRIES")).isFalse();
		assertThat(Repository.placeholders("order-service")).containsKey("ORDER_DB_URL")
			.doesNotContainKey("ORDERS_DB_URL");
	}

	@Test
	void eachServiceHasItsOwnDatabaseAndLoginAsTheInitScriptAndTheLocalStackCreateThem() {
		Set<String> databases = new TreeSet<>();
		serviceContainers().forEach((container, service) -> {
			String prefix = Repository.databaseVariablePrefix(service);
			Map<String, String> environment = environment(container);
			String url = environment.get(prefix + "_DB_URL");
			assertThat(url).as(container).startsWith("jdbc:postgresql://postgres:5432/");
			String database = url.substring(url.lastIndexOf('/') + 1);
			assertThat(environment.get(prefix + "_DB_USER")).as(container).isEqualTo(database);
			assertThat(environment.get(prefix + "_DB_PASSWORD")).as(container).isEqualTo(database);
			// Run without Docker, a service's defaults name the same database and login.
			Map<String, String> defaults = Repository.placeholders(service);
			assertThat(defaults.get(prefix + "_DB_URL")).as(service).endsWith("/" + database);
			assertThat(defaults.get(prefix + "_DB_USER")).as(service).isEqualTo(database);
			assertThat(defaults.get(prefix + "_DB_PASSWORD")).as(service).isEqualTo(database);
			databases.add(database);
		});
		assertThat(databases).hasSize(Repository.SERVICES.size());

		String init = Repository.read("docker/postgres/init-databases.sh");
		assertThat(words(init, "for name in ([a-z ]+); do")).isEqualTo(databases);
		assertThat(init).as("each login's password is its name")
			.contains("create role %I login password %L', :'name', :'name')")
			.contains("create database %I owner %I', :'name', :'name')");
		Set<String> localStackDatabases = new TreeSet<>();
		localStack().values().forEach((row) -> localStackDatabases.add(row[1]));
		assertThat(localStackDatabases).as("databases of the local stack").isEqualTo(databases);
		assertThat(environment("postgres")).containsKey("POSTGRES_PASSWORD");
		assertThat(list(service("postgres").get("volumes")))
			.contains("./docker/postgres/init-databases.sh:/docker-entrypoint-initdb.d/init-databases.sh:ro");
	}

	@Test
	void everyServiceListensIsPublishedAndScrapedOnItsServerPort() {
		Map<String, String[]> localStack = localStack();
		String prometheus = Repository.read("docker/prometheus/prometheus.yml");
		serviceContainers().forEach((container, service) -> {
			int port = Repository.defaultPort(service);
			assertThat(buildArgs(container)).as(container).containsEntry("PORT", port);
			assertThat(prometheus).as("Prometheus target of " + container)
				.contains("\"" + container + ":" + port + "\"");
			if (!container.endsWith("-2")) {
				assertThat(list(service(container).get("ports"))).as(container)
					.containsExactly("127.0.0.1:" + port + ":" + port);
				assertThat(localStack.get(service.replace("-service", ""))).as("the local stack")
					.startsWith(Integer.toString(port));
			}
		});
	}

	@Test
	void theEventTopicsCreatedAreThoseOfTheContracts() throws IllegalAccessException {
		Set<String> contracts = new TreeSet<>();
		for (Field field : Topics.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				contracts.add((String) field.get(null));
			}
		}
		String command = String.join(" ", list(service("kafka-topics").get("command")));
		assertThat(words(command, "for topic in ([a-z0-9. ]+); do")).isEqualTo(contracts);
		for (String service : Repository.SERVICES) {
			Map<String, Object> messaging = Repository.child(
					Repository.child(Repository.yaml(service + "/src/main/resources/application.yml"), "eventshop"),
					"messaging");
			assertThat(list(messaging.getOrDefault("publishes", List.of()))).as(service + " publishes")
				.isSubsetOf(contracts);
		}
	}

	@Test
	void servicesHaveHealthChecksAndStartOnlyOnceWhatTheyNeedIsHealthy() {
		serviceContainers().forEach((container, service) -> {
			assertThat(list(Repository.child(service(container), "healthcheck").get("test"))).as(container)
				.containsExactly("CMD", "healthcheck");
			Map<String, Object> dependsOn = Repository.child(service(container), "depends_on");
			assertThat(dependsOn).as(container).containsKeys("kafka", "kafka-topics", "postgres");
			dependsOn.forEach((dependency, condition) -> assertThat(Repository.map(condition).get("condition"))
				.as(container + " on " + dependency)
				.isIn(HEALTHY_DEPENDENCY));
			if (service.equals("email-service")) {
				assertThat(dependsOn).as(container).containsKey("mailpit");
			}
		});
		assertThat(environment("email-service")).containsEntry("MAIL_HOST", "mailpit");
		assertThat(String.valueOf(environment("email-service").get("MAIL_PORT"))).isEqualTo("1025");

		String dockerfile = Repository.read("Dockerfile");
		assertThat(dockerfile).contains("FROM eclipse-temurin:25-jre")
			.contains("-Djarmode=tools -jar application.jar extract --layers")
			.contains("USER eventshop")
			.contains("HEALTHCHECK")
			.contains("ARG SERVICE");
		assertThat(Repository.read("docker/healthcheck.sh")).contains("/actuator/health");
	}

	@Test
	void scaleProfileRunsThreeBrokersWithReplicationThreeAndTwoInstancesOfEveryService() {
		Map<String, String> scale = new LinkedHashMap<>();
		Repository.read("docker/scale.env")
			.lines()
			.filter((line) -> line.contains("=") && !line.startsWith("#"))
			.forEach((line) -> scale.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
		assertThat(scale).containsEntry("COMPOSE_PROFILES", "scale")
			.containsEntry("EVENTSHOP_KAFKA_REPLICAS", "3")
			.containsEntry("EVENTSHOP_KAFKA_MIN_INSYNC", "2");

		Set<String> scaled = services().entrySet()
			.stream()
			.filter((entry) -> list(Repository.map(entry.getValue()).get("profiles")).contains("scale"))
			.map(Map.Entry::getKey)
			.collect(Collectors.toCollection(TreeSet::new));
		Set<String> expected = new TreeSet<>(Set.of("kafka-2", "kafka-3"));
		Repository.SERVICES.forEach((service) -> expected.add(service + "-2"));
		assertThat(scaled).isEqualTo(expected);
		for (String broker : List.of("kafka-2", "kafka-3")) {
			assertThat(environment(broker)).containsEntry("KAFKA_PROCESS_ROLES", "broker")
				.containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093");
		}
		assertThat(environment("kafka")).containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "${EVENTSHOP_KAFKA_MIN_INSYNC:-1}")
			.containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "${EVENTSHOP_KAFKA_REPLICAS:-1}");
		assertThat(String.join(" ", list(service("kafka-topics").get("command"))))
			.contains("--replication-factor ${EVENTSHOP_KAFKA_REPLICAS:-1}");

		serviceContainers().forEach((container, service) -> {
			assertThat(environment(container)).as(container)
				.containsEntry("KAFKA_TOPIC_REPLICAS", "${EVENTSHOP_KAFKA_REPLICAS:-1}");
			assertThat(Repository.placeholders(service)).as(service + " reads the topics' replication")
				.containsKey("KAFKA_TOPIC_REPLICAS");
		});
		Repository.SERVICES.forEach((service) -> assertThat(serviceContainers()).as(service)
			.containsEntry(service, service)
			.containsEntry(service + "-2", service));
	}

	/**
	 * Containers built from this repository's Dockerfile, with the service each runs
	 * (auth-server and edge, built the same way, are not services).
	 */
	private static Map<String, String> serviceContainers() {
		Map<String, String> containers = new LinkedHashMap<>();
		services().forEach((name, definition) -> {
			Object service = buildArgs(name).get("SERVICE");
			if (service != null && service.toString().endsWith("-service")) {
				containers.put(name, service.toString());
			}
		});
		assertThat(new TreeSet<>(containers.values())).isEqualTo(new TreeSet<>(Repository.SERVICES));
		return containers;
	}

	private static Map<String, Object> services() {
		return Repository.child(compose, "services");
	}

	private static Map<String, Object> service(String name) {
		Map<String, Object> service = Repository.child(services(), name);
		assertThat(service).as("service " + name).isNotEmpty();
		return service;
	}

	private static Map<String, Object> buildArgs(String name) {
		return Repository.child(Repository.child(service(name), "build"), "args");
	}

	private static Map<String, String> environment(String name) {
		Map<String, String> environment = new LinkedHashMap<>();
		Repository.child(service(name), "environment")
			.forEach((key, value) -> environment.put(key, String.valueOf(value)));
		return environment;
	}

	private static List<String> list(Object value) {
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	private static Set<String> words(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as(regex).isTrue();
		return Arrays.stream(matcher.group(1).trim().split("\\s+")).collect(Collectors.toCollection(TreeSet::new));
	}

	/** The services of the local stack's supervisor: name to {port, database}. */
	private static Map<String, String[]> localStack() {
		Map<String, String[]> table = new LinkedHashMap<>();
		LocalStack.SERVICES.forEach((service) -> table.put(service.name(),
				new String[] { Integer.toString(service.defaultPort()), service.database() }));
		assertThat(table.keySet()).as("services of the local stack")
			.containsExactlyElementsOf(Repository.SERVICES.stream().map((s) -> s.replace("-service", "")).toList());
		return table;
	}

}
