package com.eventshop.system.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.eventshop.testsupport.TcpProxy;
import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

import static org.awaitility.Awaitility.await;

/**
 * The whole system as {@code scripts/local-stack.sh start} runs it, each process its own
 * JVM, with settings of its own (free ports, a folder under {@code target/}, databases
 * with a random prefix) so it runs beside anything else on the machine. A process can be
 * killed with SIGKILL and started again exactly as the script started it: same command
 * line, same environment, its PID recorded where the script looks, so {@code stop} ends
 * it too.
 */
final class FaultStack {

	static final List<String> PORT_VARIABLES = List.of("ORDER_PORT", "INVENTORY_PORT", "EMAIL_PORT", "SHIPPING_PORT",
			"ANALYTICS_PORT", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MAIL_PORT", "GREENMAIL_API_PORT",
			"EMAIL_SMTP_PORT");

	static final List<String> PROCESSES = List.of("kafka", "greenmail", "order", "inventory", "email", "shipping",
			"analytics");

	static final List<String> DATABASES = List.of("orders", "inventory", "email", "shipping", "analytics");

	private final Path root = findRoot();

	private final Path dir = this.root.resolve("system-tests/target/reliability-stack");

	private final String databasePrefix = "faults_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36)
			+ "_";

	private final Map<String, String> environment = new LinkedHashMap<>();

	/** Processes this class started itself (restarts), to be sure none outlives it. */
	private final List<ProcessHandle> restarted = new ArrayList<>();

	/**
	 * The e-mail service reaches GreenMail through this proxy, so the mail server can be
	 * taken away (connections refused, open ones cut) without losing the mail it holds.
	 */
	private @Nullable TcpProxy smtp;

	FaultStack() {
		for (String variable : PORT_VARIABLES) {
			this.environment.put(variable, Integer.toString(freePort()));
		}
		this.environment.put("LOCAL_STACK_DIR", this.dir.toString());
		// The jars the local-stack module's build copied (the script builds them when
		// missing).
		this.environment.put("LOCAL_STACK_LIB", this.root.resolve("local-stack/target/lib").toString());
		this.environment.put("LOCAL_STACK_DB_PREFIX", this.databasePrefix);
		// Small pools (the services read this through Spring's relaxed binding): five
		// services with their default pools would take 60 of the server's 100
		// connections,
		// leaving too few for whatever else runs beside the tests on the same server.
		this.environment.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "6");
		// Fewer request threads than connections, as the order service's defaults keep
		// it.
		this.environment.put("ORDER_HTTP_THREADS", "4");
	}

	/** Starts everything and returns once every service is healthy. */
	void start() throws Exception {
		if (Files.isDirectory(this.dir.resolve("pids"))) {
			// A run that was killed itself may have left its stack: the script stops what
			// its PID files name, then the folder starts afresh.
			script("stop").waitFor(3, TimeUnit.MINUTES);
		}
		FileSystemUtils.deleteRecursively(this.dir.toFile());
		smtpUp();
		Process start = script("start");
		if (!start.waitFor(8, TimeUnit.MINUTES) || start.exitValue() != 0) {
			start.destroyForcibly();
			throw new AssertionError("local-stack.sh start failed:\n" + output("start") + "\n" + logTails());
		}
	}

	/**
	 * Takes the mail server away from the e-mail service: refused and cut connections.
	 */
	synchronized void smtpDown() {
		if (this.smtp != null) {
			this.smtp.close();
			this.smtp = null;
		}
	}

	/** Gives the mail server back to the e-mail service. */
	synchronized void smtpUp() {
		if (this.smtp == null) {
			this.smtp = TcpProxy.start(Integer.parseInt(this.environment.get("EMAIL_SMTP_PORT")),
					"127.0.0.1:" + this.environment.get("MAIL_PORT"));
		}
	}

	/**
	 * Cuts a service off its database: new connections are refused and every open one is
	 * terminated, as when the database server goes away.
	 */
	void cutDatabase(String name) throws SQLException {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("alter database " + database(name) + " allow_connections false");
			statement.execute(
					"select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database(name) + "'");
		}
	}

	/** Lets a service reach its database again. */
	void restoreDatabase(String name) throws SQLException {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("alter database " + database(name) + " allow_connections true");
		}
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.environment.get("KAFKA_PORT");
	}

	/**
	 * Sets a SKU's available stock through inventory's operator endpoint, on the version
	 * just read (the endpoint refuses a correction without {@code If-Match}).
	 */
	void setStock(String sku, int available) throws IOException, InterruptedException {
		URI stock = URI.create(url("INVENTORY_PORT") + "/api/stock/" + sku);
		String eTag;
		try (HttpClient client = HttpClient.newHttpClient()) {
			eTag = client.send(HttpRequest.newBuilder(stock).build(), HttpResponse.BodyHandlers.discarding())
				.headers()
				.firstValue("ETag")
				.orElseThrow(() -> new AssertionError("no stock for " + sku));
		}
		HttpRequest request = HttpRequest.newBuilder(stock)
			.header("If-Match", eTag)
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString(("admin:" + adminPassword()).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"available\": " + available + "}"))
			.build();
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new AssertionError(
						"setting the stock of " + sku + " answered " + response.statusCode() + ": " + response.body());
			}
		}
	}

	/** The operator password the stack generated. */
	String adminPassword() throws IOException {
		return Files.readString(this.dir.resolve("admin-password")).trim();
	}

	String url(String portVariable) {
		return "http://127.0.0.1:" + this.environment.get(portVariable);
	}

	String database(String name) {
		return this.databasePrefix + name;
	}

	/**
	 * Kills process {@code name} with SIGKILL (no shutdown hook, no flush, no leaving the
	 * group) and returns how to start it again.
	 */
	Launch kill(String name) throws IOException {
		long pid = pid(name).orElseThrow(() -> new AssertionError(name + " is not running"));
		ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " is gone"));
		Launch launch = new Launch(name, nulSeparated(Path.of("/proc/" + pid + "/cmdline")),
				environment(Path.of("/proc/" + pid + "/environ")));
		process.destroyForcibly();
		// The script's processes are not this JVM's children: once killed, one may linger
		// as a zombie until whoever adopted it reaps it, and Java counts a zombie as
		// alive.
		await(name + " to die").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !process.isAlive() || zombie(pid));
		return launch;
	}

	/**
	 * Starts a killed process again, as the script started it, with its output appended.
	 */
	void restart(Launch launch) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(
					ProcessBuilder.Redirect.appendTo(this.dir.resolve("logs/" + launch.name() + ".log").toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().clear();
		builder.environment().putAll(launch.environment());
		Process process = builder.start();
		this.restarted.add(process.toHandle());
		Files.writeString(this.dir.resolve("pids/" + launch.name() + ".pid"), process.pid() + "\n");
	}

	Optional<Long> pid(String name) throws IOException {
		Path file = this.dir.resolve("pids/" + name + ".pid");
		return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
	}

	Connection connect(String database) throws SQLException {
		String host = System.getenv().getOrDefault("EVENTSHOP_DB_HOST", "127.0.0.1");
		String port = System.getenv().getOrDefault("EVENTSHOP_DB_PORT", "5432");
		return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database,
				System.getenv().getOrDefault("EVENTSHOP_DB_ADMIN_USER", "eventshop"),
				System.getenv().getOrDefault("EVENTSHOP_DB_ADMIN_PASSWORD", "eventshop"));
	}

	/**
	 * Connects to a service's database with the service's own login (the stack names the
	 * login and its password after the database), which owns its tables.
	 */
	Connection connectAsService(String name) throws SQLException {
		String host = System.getenv().getOrDefault("EVENTSHOP_DB_HOST", "127.0.0.1");
		String port = System.getenv().getOrDefault("EVENTSHOP_DB_PORT", "5432");
		return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database(name),
				database(name), database(name));
	}

	/** The last lines of every log of the stack, for a failure message. */
	String logTails() {
		Path logs = this.dir.resolve("logs");
		if (!Files.isDirectory(logs)) {
			return "(no logs)";
		}
		try (Stream<Path> files = Files.list(logs)) {
			StringBuilder tails = new StringBuilder();
			for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
				List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
				tails.append("--- ").append(file.getFileName()).append('\n');
				lines.subList(Math.max(0, lines.size() - 15), lines.size())
					.forEach((line) -> tails.append(line).append('\n'));
			}
			return tails.toString();
		}
		catch (IOException | UncheckedIOException ex) {
			return "(logs unreadable: " + ex + ")";
		}
	}

	/**
	 * Stops everything with the script, makes sure no process of the stack is left, and
	 * drops the stack's databases and logins.
	 */
	void stop() throws Exception {
		smtpDown();
		List<ProcessHandle> before = new ArrayList<>(this.restarted);
		for (String name : PROCESSES) {
			pid(name).flatMap(ProcessHandle::of).ifPresent(before::add);
		}
		Process stop = script("stop");
		boolean stopped = stop.waitFor(3, TimeUnit.MINUTES);
		List<ProcessHandle> left = new ArrayList<>();
		for (ProcessHandle process : before) {
			// A process the script saw go may not be reaped yet: give it a moment.
			try {
				process.onExit().get(10, TimeUnit.SECONDS);
			}
			catch (TimeoutException ex) {
				left.add(process);
				process.destroyForcibly();
			}
		}
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			for (String name : DATABASES) {
				statement.execute("drop database if exists " + database(name) + " with (force)");
				statement.execute("drop role if exists " + database(name));
			}
		}
		if (!stopped) {
			throw new AssertionError("local-stack.sh stop did not finish:\n" + output("stop"));
		}
		if (!left.isEmpty()) {
			throw new AssertionError("processes left after stop: " + left);
		}
	}

	private Process script(String command) throws IOException {
		ProcessBuilder builder = new ProcessBuilder("bash", "scripts/local-stack.sh", command)
			.directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolveSibling("reliability-stack-" + command + ".log").toFile());
		builder.environment().putAll(this.environment);
		// The stack generates the operator password when none is given.
		builder.environment().remove("EVENTSHOP_ADMIN_PASSWORD");
		Files.createDirectories(this.dir);
		return builder.start();
	}

	private String output(String command) {
		try {
			return Files.readString(this.dir.resolveSibling("reliability-stack-" + command + ".log"));
		}
		catch (IOException ex) {
			return "(no output: " + ex + ")";
		}
	}

	/** Whether the process has exited but not been reaped ({@code Z} in its stat). */
	private static boolean zombie(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// The state follows the command name, which is in parentheses.
			return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static List<String> nulSeparated(Path file) throws IOException {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		return Arrays.stream(text.split("\0")).filter((part) -> !part.isEmpty()).toList();
	}

	private static Map<String, String> environment(Path file) throws IOException {
		Map<String, String> environment = new LinkedHashMap<>();
		for (String entry : nulSeparated(file)) {
			int equals = entry.indexOf('=');
			if (equals > 0) {
				environment.put(entry.substring(0, equals), entry.substring(equals + 1));
			}
		}
		return environment;
	}

	/**
	 * A port nothing listens on, below Linux's ephemeral range (32768 and up): a port the
	 * kernel handed out for {@code new ServerSocket(0)} can be given to an outgoing
	 * connection in the moment before the stack binds it.
	 */
	private static int freePort() {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
			try (ServerSocket socket = new ServerSocket(port)) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				// taken: try another
			}
		}
		throw new IllegalStateException("No free port between 20000 and 32000");
	}

	private static Path findRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("scripts/local-stack.sh"))) {
				return dir;
			}
		}
		throw new IllegalStateException("Not inside the EventShop repository: " + Path.of("").toAbsolutePath());
	}

	/** How the script started a process: its command line and environment. */
	record Launch(String name, List<String> command, Map<String, String> environment) {
	}

}
