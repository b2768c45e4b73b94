package com.eventshop.localstack.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the stack runs and how (in the repository {@code root}, its state in {@code dir}):
 * a Kafka broker (KRaft), GreenMail (SMTP with a REST API to read the mail), Zipkin (a
 * trace server), the authorization server, the five services and the gateway in front of
 * them, each its own JVM, configured only through environment variables (the same
 * contract as docker-compose.yml).
 * <p>
 * The process list is {@link #processes()}: a process more (an authorization server, a
 * gateway, a trace server, a second instance of a service) is one entry more. Scaled
 * ({@code scaled}), the stack runs three brokers ({@code kafka}, {@code kafka-2},
 * {@code kafka-3}; every one a controller too, so any one may die) and two instances of
 * every service ({@code order}, {@code order-2}, ...), the gateway balancing over both.
 */
record ProcessCatalog(Path root, Path dir, Settings settings, boolean scaled) {

	static final String AUTH_SERVER = "auth-server";

	static final String EDGE = "edge";

	// A demo stack on a laptop: small heaps, and the quick C1 compiler only, which starts
	// five JVMs on two cores in about half the time and is plenty for a handful of
	// orders.
	private static final String JAVA_OPTS = "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError";

	// Scaled, thirteen JVMs share the machine: besides the heap, the memory a JVM takes
	// outside it is capped too, so each process's size has a ceiling.
	private static final String SCALED_JAVA_OPTS = JAVA_OPTS
			+ " -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m -Xss512k";

	/** Brokers, and instances of each service, when scaled. */
	static final int SCALE = 3;

	Path lib() {
		return this.settings.path("LOCAL_STACK_LIB", this.dir.resolve("lib"));
	}

	int port(String variable) {
		return this.settings.port(variable);
	}

	String database(String name) {
		return this.settings.databasePrefix() + name;
	}

	/** Everything the stack runs, in start order. */
	List<String> names() {
		List<String> names = new ArrayList<>();
		for (int node = 1; node <= brokers(); node++) {
			names.add(brokerName(node));
		}
		names.addAll(List.of("greenmail", "zipkin", AUTH_SERVER));
		for (Service service : LocalStack.SERVICES) {
			for (int instance = 1; instance <= instances(); instance++) {
				names.add(instanceName(service, instance));
			}
		}
		names.add(EDGE);
		return names;
	}

	int brokers() {
		return this.scaled ? SCALE : 1;
	}

	int instances() {
		return this.scaled ? 2 : 1;
	}

	static String brokerName(int node) {
		return (node == 1) ? "kafka" : "kafka-" + node;
	}

	static String instanceName(Service service, int instance) {
		return (instance == 1) ? service.name() : service.name() + "-" + instance;
	}

	/**
	 * The port setting of a broker's client port, or with {@code controller} its
	 * controller port.
	 */
	static String brokerPort(int node, boolean controller) {
		String base = (node == 1) ? "KAFKA" : "KAFKA_" + node;
		return base + (controller ? "_CONTROLLER_PORT" : "_PORT");
	}

	static String instancePort(Service service, int instance) {
		return service.variablePrefix() + ((instance == 1) ? "" : "_" + instance) + "_PORT";
	}

	/** Where the brokers answer, for clients: {@code 127.0.0.1:9092,...}. */
	String bootstrapServers() {
		List<String> servers = new ArrayList<>();
		for (int node = 1; node <= brokers(); node++) {
			servers.add("127.0.0.1:" + port(brokerPort(node, false)));
		}
		return String.join(",", servers);
	}

	/** A broker's folder: its configuration and, under data/, its log. */
	Path brokerDir(int node) {
		return this.scaled ? this.dir.resolve("kafka-cluster/" + node) : this.dir.resolve("kafka");
	}

	/** How each process starts with the current settings. */
	List<ProcessSpec> processes() {
		List<ProcessSpec> processes = new ArrayList<>();
		for (int node = 1; node <= brokers(); node++) {
			processes.add(kafka(node));
		}
		processes.add(greenMail());
		processes.add(zipkin());
		processes.add(authServer());
		for (Service service : LocalStack.SERVICES) {
			for (int instance = 1; instance <= instances(); instance++) {
				processes.add(service(service, instance));
			}
		}
		processes.add(edge());
		return processes;
	}

	/**
	 * The issuer of every token: fixed to the name people and tools use, so a token
	 * fetched through 127.0.0.1 carries the same {@code iss} the services expect.
	 */
	String issuer() {
		return "http://localhost:" + port("AUTH_PORT");
	}

	/** Where the gateway, and with it the web console, answers. */
	String gateway() {
		return "http://localhost:" + port("EDGE_PORT");
	}

	/** The operator password: from the settings, or generated once into the folder. */
	String adminPassword() {
		String given = this.settings.get("EVENTSHOP_ADMIN_PASSWORD");
		if (given != null && !given.isEmpty()) {
			return given;
		}
		Path file = this.dir.resolve("admin-password");
		try {
			if (!Files.isRegularFile(file) || Files.size(file) == 0) {
				Files.createDirectories(this.dir);
				byte[] random = new byte[18];
				new SecureRandom().nextBytes(random);
				Files.deleteIfExists(file);
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
			}
			return Files.readString(file).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String adminUser() {
		return this.settings.getOrDefault("EVENTSHOP_ADMIN_USER", "admin");
	}

	private ProcessSpec kafka(int node) {
		int port = port(brokerPort(node, false));
		int controller = port(brokerPort(node, true));
		// Scaled, three brokers: smaller each, and off-heap buffers capped.
		List<String> command = new ArrayList<>(
				this.scaled ? kafkaJava(List.of("-Xms128m", "-Xmx384m", "-XX:MaxDirectMemorySize=128m")) : kafkaJava());
		command.addAll(List.of("kafka.Kafka", brokerDir(node).resolve("server.properties").toString()));
		return new ProcessSpec(brokerName(node), 0, command, this.settings.all(), List.of(port, controller),
				new Readiness.Port(port), "localhost:" + port + " (data in " + brokerDir(node).resolve("data") + ")");
	}

	/** The JVM of the broker and of Kafka's command-line tools. */
	List<String> kafkaJava() {
		return kafkaJava(List.of("-Xms256m", "-Xmx512m"));
	}

	private List<String> kafkaJava(List<String> memory) {
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(memory);
		command.addAll(
				List.of("-Dlog4j2.configurationFile=" + this.root.resolve("local-stack/conf/kafka-log4j2.properties"),
						"-cp", lib().resolve("kafka") + "/*"));
		return command;
	}

	/**
	 * Writes the brokers' configuration (at every start) and formats their storage (once,
	 * so a restart keeps every topic).
	 */
	void prepareKafka(java.util.function.Consumer<String> say) throws IOException, InterruptedException {
		// One cluster id for all the brokers, kept beside their folders.
		Path clusterId = Files.createDirectories(this.dir.resolve(this.scaled ? "kafka-cluster" : "kafka"))
			.resolve("cluster-id");
		if (!Files.isRegularFile(clusterId) || Files.size(clusterId) == 0) {
			// What StorageTool random-uuid prints: 16 random bytes, URL-safe Base64.
			byte[] uuid = new byte[16];
			new SecureRandom().nextBytes(uuid);
			Files.writeString(clusterId, Base64.getUrlEncoder().withoutPadding().encodeToString(uuid) + "\n");
		}
		List<String> voters = new ArrayList<>();
		for (int node = 1; node <= brokers(); node++) {
			voters.add(node + "@127.0.0.1:" + port(brokerPort(node, true)));
		}
		for (int node = 1; node <= brokers(); node++) {
			Path kafka = Files.createDirectories(brokerDir(node).resolve("data")).getParent();
			Files.writeString(kafka.resolve("server.properties"),
					serverProperties(node, String.join(",", voters), kafka.resolve("data")));
			if (Files.isRegularFile(kafka.resolve("data/meta.properties"))) {
				continue;
			}
			say.accept("formatting the storage of " + brokerName(node) + " in " + kafka.resolve("data") + " (once)");
			List<String> format = new ArrayList<>(kafkaJava());
			format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", Files.readString(clusterId).trim(), "-c",
					kafka.resolve("server.properties").toString()));
			Path log = Files.createDirectories(this.dir.resolve("logs")).resolve(brokerName(node) + "-format.log");
			int exit = format(format, log);
			if (exit != 0) {
				// Once more on an empty folder: a tool that died half-way (killed, or out
				// of
				// memory on a crowded machine) leaves files a second format refuses.
				String first = Files.readString(log);
				say.accept("formatting " + brokerName(node) + " failed (exit " + exit + "); trying once more");
				empty(kafka.resolve("data"));
				exit = format(format, log);
				if (exit != 0) {
					throw new IllegalStateException(
							"formatting Kafka's storage failed twice (exit " + exit + "); see " + log + "\nfirst try:\n"
									+ first.strip() + "\nsecond try:\n" + Files.readString(log).strip());
				}
			}
		}
	}

	private static void empty(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).filter((path) -> !path.equals(folder)).toList()) {
				Files.delete(path);
			}
		}
	}

	private static int format(List<String> command, Path log) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return process.waitFor();
	}

	/**
	 * One node's configuration: broker and controller in one process (KRaft combined
	 * mode). Scaled, three such nodes: any one may die and the other two still elect a
	 * controller and lead every partition; a topic is written while two copies are in
	 * sync, and an out-of-sync copy never becomes the leader (no unclean election).
	 */
	private String serverProperties(int node, String voters, Path data) {
		int replicas = brokers();
		int minInSync = this.scaled ? 2 : 1;
		return """
				# Written by the stack supervisor at every start; the data in data/ is kept.
				process.roles=broker,controller
				node.id=%3$d
				controller.quorum.voters=%4$s
				listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
				advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
				log.dirs=%5$s
				# Internal topics and new topics get as many copies as there are brokers.
				default.replication.factor=%6$d
				min.insync.replicas=%7$d
				unclean.leader.election.enable=false
				offsets.topic.replication.factor=%6$d
				transaction.state.log.replication.factor=%6$d
				transaction.state.log.min.isr=%7$d
				share.coordinator.state.topic.replication.factor=%6$d
				share.coordinator.state.topic.min.isr=%7$d
				# A topic a consumer asks for before its publisher declared it gets the same partitions.
				num.partitions=6
				group.initial.rebalance.delay.ms=0
				""".formatted(port(brokerPort(node, false)), port(brokerPort(node, true)), node, voters, data, replicas,
				minInSync);
	}

	private ProcessSpec greenMail() {
		int smtp = port("MAIL_PORT");
		int api = port("GREENMAIL_API_PORT");
		// GreenMail ran out of a 256 MB heap in benchmark runs.
		List<String> command = List.of(java(), "-Xmx512m", "-Dgreenmail.smtp.hostname=127.0.0.1",
				"-Dgreenmail.smtp.port=" + smtp, "-Dgreenmail.auth.disabled", "-Dgreenmail.api.hostname=127.0.0.1",
				"-Dgreenmail.api.port=" + api, "-jar", lib().resolve("greenmail/greenmail-standalone.jar").toString());
		return new ProcessSpec("greenmail", 0, command, this.settings.all(), List.of(smtp, api),
				new Readiness.Http(URI.create("http://127.0.0.1:" + api + "/api/service/readiness"), ""),
				"smtp localhost:" + smtp + ", http://localhost:" + api);
	}

	/**
	 * Zipkin, the trace server (its exec jar from Maven Central): spans in memory, so a
	 * bounded heap bounds them too; the oldest go first when it fills.
	 */
	private ProcessSpec zipkin() {
		int port = port("ZIPKIN_PORT");
		Map<String, String> environment = new LinkedHashMap<>(this.settings.all());
		environment.put("QUERY_PORT", Integer.toString(port));
		environment.put("STORAGE_TYPE", "mem");
		environment.put("MEM_MAX_SPANS", this.settings.getOrDefault("ZIPKIN_MAX_SPANS", "200000"));
		List<String> command = List.of(java(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-XX:+ExitOnOutOfMemoryError", "-jar", lib().resolve("zipkin/zipkin-server-exec.jar").toString());
		return new ProcessSpec("zipkin", 0, command, environment, List.of(port),
				new Readiness.Http(URI.create("http://127.0.0.1:" + port + "/health"), "\"status\" : \"UP\""),
				"http://localhost:" + port + "/zipkin/");
	}

	private ProcessSpec service(Service service, int instance) {
		String prefix = service.variablePrefix();
		String database = database(service.database());
		int port = port(instancePort(service, instance));
		Map<String, String> environment = new LinkedHashMap<>(this.settings.all());
		environment.put(prefix + "_DB_URL",
				"jdbc:postgresql://" + this.settings.getOrDefault("EVENTSHOP_DB_HOST", "127.0.0.1") + ":"
						+ this.settings.getOrDefault("EVENTSHOP_DB_PORT", "5432") + "/" + database);
		environment.put(prefix + "_DB_USER", database);
		environment.put(prefix + "_DB_PASSWORD", database);
		environment.put(prefix + "_PORT", Integer.toString(port));
		environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
		environment.put("KAFKA_TOPIC_REPLICAS", Integer.toString(brokers()));
		putIdentity(environment);
		environment.put("EVENTSHOP_ADMIN_USER", adminUser());
		environment.put("EVENTSHOP_ADMIN_PASSWORD", adminPassword());
		environment.put("ZIPKIN_ENDPOINT", "http://127.0.0.1:" + port("ZIPKIN_PORT") + "/api/v2/spans");
		// A demo stack traces every order, so the one a visitor placed is in Zipkin; the
		// services' own default is a tenth (docs/observability.md).
		environment.put("TRACING_SAMPLING_PROBABILITY",
				this.settings.getOrDefault("TRACING_SAMPLING_PROBABILITY", "1.0"));
		if (service.name().equals("email")) {
			// EMAIL_SMTP_PORT points the e-mail service elsewhere than GreenMail's SMTP
			// port, e.g. at a proxy that the failure tests close to take the server away.
			environment.put("MAIL_HOST", "127.0.0.1");
			environment.put("MAIL_PORT", Integer.toString(port("EMAIL_SMTP_PORT")));
		}
		if (service.name().equals("shipping")) {
			// A short warehouse delay keeps the demo brisk.
			environment.put("SHIPPING_WAREHOUSE_DELAY", this.settings.getOrDefault("SHIPPING_WAREHOUSE_DELAY", "2s"));
		}
		return new ProcessSpec(instanceName(service, instance), 1, springBoot(service.module()), environment,
				List.of(port), health(port), "http://localhost:" + port);
	}

	/** Where the services find the authorization server's keys, and what they expect. */
	private void putIdentity(Map<String, String> environment) {
		environment.put("AUTH_ISSUER_URI", issuer());
		environment.put("AUTH_JWK_SET_URI", "http://127.0.0.1:" + port("AUTH_PORT") + "/oauth2/jwks");
		environment.put("AUTH_AUDIENCE", this.settings.getOrDefault("AUTH_AUDIENCE", "eventshop"));
	}

	private ProcessSpec authServer() {
		int port = port("AUTH_PORT");
		Map<String, String> environment = new LinkedHashMap<>(this.settings.all());
		environment.put("AUTH_PORT", Integer.toString(port));
		environment.put("SPRING_SECURITY_OAUTH2_AUTHORIZATIONSERVER_ISSUER", issuer());
		environment.put("EDGE_URL", gateway());
		return new ProcessSpec(AUTH_SERVER, 0, springBoot(AUTH_SERVER), environment, List.of(port), health(port),
				issuer() + " (demo users: ada, grace, hedy, operator)");
	}

	private ProcessSpec edge() {
		int port = port("EDGE_PORT");
		Map<String, String> environment = new LinkedHashMap<>(this.settings.all());
		putIdentity(environment);
		environment.put("EDGE_PORT", Integer.toString(port));
		for (Service service : LocalStack.SERVICES) {
			List<String> urls = new ArrayList<>();
			for (int instance = 1; instance <= instances(); instance++) {
				urls.add("http://127.0.0.1:" + port(instancePort(service, instance)));
			}
			environment.put(service.variablePrefix() + "_SERVICE_URLS", String.join(",", urls));
		}
		// the console's break-it panel works only on a stack run here: it drives this
		// supervisor's command line in this folder
		// (docs/adr/0004-break-it-drives-the-supervisor-cli.md)
		environment.put("EVENTSHOP_BREAK_IT_ROOT", this.root.toString());
		environment.put("LOCAL_STACK_DIR", this.dir.toString());
		// the console's journey page links each order's trace and the mailbox of each
		// e-mail
		environment.put("CONSOLE_TRACE_URL", "http://localhost:" + port("ZIPKIN_PORT") + "/zipkin/traces/{traceId}");
		environment.put("CONSOLE_MAILBOX_URL",
				"http://localhost:" + port("GREENMAIL_API_PORT") + "/api/user/{recipient}/messages/INBOX");
		// last: once it answers, every service behind it does too
		return new ProcessSpec(EDGE, 2, springBoot(EDGE), environment, List.of(port), health(port), gateway());
	}

	private List<String> springBoot(String module) {
		List<String> command = new ArrayList<>(List.of(java()));
		String options = this.settings.getOrDefault("LOCAL_STACK_JAVA_OPTS",
				this.scaled ? SCALED_JAVA_OPTS : JAVA_OPTS);
		command.addAll(Arrays.asList(options.trim().split("\\s+")));
		command.addAll(List.of("-jar", jar(module).toString()));
		return command;
	}

	private static Readiness health(int port) {
		return new Readiness.Http(URI.create("http://127.0.0.1:" + port + "/actuator/health"), "\"status\":\"UP\"");
	}

	Path jar(Service service) {
		return jar(service.module());
	}

	Path jar(String module) {
		Path target = this.root.resolve(module + "/target");
		try (var files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no jar of " + module + " in " + target));
		}
		catch (IOException ex) {
			throw new IllegalStateException("no jar of " + module + " in " + target, ex);
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
