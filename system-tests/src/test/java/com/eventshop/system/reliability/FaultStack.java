package com.eventshop.system.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import com.eventshop.localstack.identity.AccessToken;
import com.eventshop.localstack.identity.ClientToken;
import com.eventshop.localstack.supervisor.LocalStack;
import com.eventshop.testsupport.http.BadRequests;
import com.eventshop.localstack.supervisor.Ports;
import com.eventshop.testsupport.TcpProxy;
import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

/**
 * The whole system as {@code scripts/local-stack.sh start} runs it, each process its own
 * JVM, started by the same supervisor in this JVM, with settings of its own (ports it
 * holds until each process binds them, a folder under {@code target/}, databases with a
 * random prefix) so it runs beside anything else on the machine. A process can be killed
 * with SIGKILL and started again exactly as it was first started: the supervisor keeps
 * every launch, and records the new PID where {@code scripts/local-stack.sh} looks.
 */
final class FaultStack {

	static final List<String> PORT_VARIABLES = List.of("ORDER_PORT", "INVENTORY_PORT", "EMAIL_PORT", "SHIPPING_PORT",
			"ANALYTICS_PORT", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MAIL_PORT", "GREENMAIL_API_PORT",
			"EMAIL_SMTP_PORT", "ZIPKIN_PORT", "AUTH_PORT", "EDGE_PORT");

	/**
	 * The ports a scaled stack binds besides: two more brokers, a second instance each.
	 */
	static final List<String> SCALED_PORT_VARIABLES = List.of("KAFKA_2_PORT", "KAFKA_2_CONTROLLER_PORT", "KAFKA_3_PORT",
			"KAFKA_3_CONTROLLER_PORT", "ORDER_2_PORT", "INVENTORY_2_PORT", "EMAIL_2_PORT", "SHIPPING_2_PORT",
			"ANALYTICS_2_PORT");

	/**
	 * How many customers of each kind ({@code load-N}, {@code marked-N}) the stack's
	 * authorization server knows, for the load to be placed by signed-in customers.
	 */
	static final int CUSTOMERS = 10;

	/**
	 * The address of every load customer: their e-mail comes from their token, and the
	 * mail server is purged between scenarios, so one mailbox holds one scenario's mail.
	 */
	static final String MAILBOX = "customers@load.example.com";

	private final Path root = findRoot();

	private final Path dir;

	private final Ports ports;

	private final boolean scaled;

	private final LocalStack stack;

	/**
	 * The e-mail service reaches GreenMail through this proxy, so the mail server can be
	 * taken away (connections refused, open ones cut) without losing the mail it holds.
	 */
	private @Nullable TcpProxy smtp;

	/** The password of this stack's load customers: a fresh one for every run. */
	private final String customerPassword = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);

	private final Map<String, AccessToken> customerTokens = new ConcurrentHashMap<>();

	private @Nullable ClientToken operatorToken;

	FaultStack() {
		this(false);
	}

	/**
	 * @param scaled whether the stack runs scaled out: three brokers, two instances of
	 * every service behind the gateway
	 */
	FaultStack(boolean scaled) {
		this.scaled = scaled;
		this.dir = this.root
			.resolve(scaled ? "system-tests/target/scaled-stack" : "system-tests/target/reliability-stack");
		List<String> variables = new ArrayList<>(PORT_VARIABLES);
		if (scaled) {
			variables.addAll(SCALED_PORT_VARIABLES);
		}
		this.ports = Ports.reserve(variables);
		Map<String, String> settings = new LinkedHashMap<>(this.ports.asSettings());
		if (scaled) {
			settings.put("LOCAL_STACK_SCALE", "true");
			// The load goes through the gateway, all of it from a few customers: its
			// per-customer placement limit is not what is tried here.
			settings.put("EDGE_PLACEMENT_BURST", "1000000");
		}
		settings.put("LOCAL_STACK_DIR", this.dir.toString());
		// The jars the local-stack module's build copied.
		settings.put("LOCAL_STACK_LIB", this.root.resolve("local-stack/target/lib").toString());
		// A prefix of one's own on a shared server (scripts/reliability.sh passes
		// LOCAL_STACK_DB_PREFIX), made unique per run.
		settings.put("LOCAL_STACK_DB_PREFIX", System.getProperty("reliability.db-prefix", "faults_")
				+ Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36) + "_");
		// How long a process may take to be ready: LOCAL_STACK_TIMEOUT as for the script
		// (the stack's own 300 s is not enough when others keep the machine busy).
		String timeout = System.getenv("LOCAL_STACK_TIMEOUT");
		if (timeout != null && !timeout.isBlank()) {
			settings.put("LOCAL_STACK_TIMEOUT", timeout.strip());
		}
		// The stack generates the operator password when none is given.
		settings.put("EVENTSHOP_ADMIN_PASSWORD", "");
		// Small pools (the services read this through Spring's relaxed binding): five
		// services with their default pools would take 60 of the server's 100
		// connections, leaving too few for whatever else runs beside the tests on the
		// same server.
		settings.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "6");
		// Fewer request threads than connections,
		// as the order service's defaults keep it.
		settings.put("ORDER_HTTP_THREADS", "4");
		// Customers who sign in for the load, some of them marked for the faults that
		// single out some orders.
		settings.put("AUTH_LOAD_CUSTOMERS", Integer.toString(CUSTOMERS));
		settings.put("AUTH_LOAD_CUSTOMER_PREFIXES", "load,marked");
		settings.put("AUTH_LOAD_CUSTOMER_PASSWORD", this.customerPassword);
		settings.put("AUTH_LOAD_CUSTOMER_EMAIL", MAILBOX);
		this.stack = new LocalStack(this.root, settings, (line) -> System.out.println("fault stack: " + line))
			.holding(this.ports);
	}

	/** Starts everything and returns once every service is healthy. */
	void start() throws Exception {
		// A run that was killed itself may have left its stack: stop what its records
		// name, then the folder starts afresh.
		this.stack.stop();
		FileSystemUtils.deleteRecursively(this.dir.toFile());
		smtpUp();
		try {
			this.stack.start();
		}
		catch (RuntimeException ex) {
			throw new AssertionError("the stack did not start: " + ex.getMessage() + "\n" + logTails(), ex);
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
			int port = this.ports.port("EMAIL_SMTP_PORT");
			this.ports.release(port);
			this.smtp = TcpProxy.start(port, "127.0.0.1:" + this.ports.port("MAIL_PORT"));
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

	/**
	 * Makes a service's database read-only: its open sessions are ended and every new one
	 * starts read-only, so each write fails at once (SQL state 25006) rather than waiting
	 * for a connection, as when a disk fills or a replica is promoted late.
	 */
	void readOnlyDatabase(String name) throws SQLException {
		setReadOnly(name, "set default_transaction_read_only = on");
	}

	/**
	 * Makes a service's database writable again; its sessions are ended once more, since
	 * a session keeps the default it started with.
	 */
	void writableDatabase(String name) throws SQLException {
		setReadOnly(name, "reset default_transaction_read_only");
	}

	private void setReadOnly(String name, String setting) throws SQLException {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("alter database " + database(name) + " " + setting);
			statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
					+ database(name) + "' and pid <> pg_backend_pid()"
					+ " and usesysid not in (select oid from pg_roles where rolsuper)");
		}
	}

	/** Lets a service reach its database again. */
	void restoreDatabase(String name) throws SQLException {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("alter database " + database(name) + " allow_connections true");
		}
	}

	String bootstrapServers() {
		String servers = "127.0.0.1:" + this.stack.port("KAFKA_PORT");
		if (this.scaled) {
			servers += ",127.0.0.1:" + this.stack.port("KAFKA_2_PORT") + ",127.0.0.1:"
					+ this.stack.port("KAFKA_3_PORT");
		}
		return servers;
	}

	/**
	 * The {@code Authorization} header of a load customer ({@code load-3},
	 * {@code marked-7}), who signed in on the authorization server's login form
	 * (authorization code with PKCE) on first use and again when the token nears its end.
	 */
	String customer(String username) {
		return this.customerTokens
			.compute(username, (name, token) -> (token == null || token.expiresWithin(Duration.ofMinutes(2)))
					? this.stack.auth().logIn(name, this.customerPassword) : token)
			.header();
	}

	/**
	 * The probe as customer {@code load-1} sends it: the bad requests are bad in their
	 * content, not in who sends them, so each carries a good token (replacing any other).
	 */
	BadRequests.Probe asCustomer(BadRequests.Probe probe) {
		String authorization = customer("load-1");
		return new BadRequests.Probe(probe.name(),
				(base) -> HttpRequest
					.newBuilder(probe.request().apply(base), (name, value) -> !name.equalsIgnoreCase("Authorization"))
					.header("Authorization", authorization)
					.build(),
				probe.expectedStatus());
	}

	/**
	 * The {@code Authorization} header of the operator scripts' client (client
	 * credentials).
	 */
	synchronized String operator() {
		if (this.operatorToken == null) {
			this.operatorToken = this.stack.clientToken("operator-cli");
		}
		return this.operatorToken.get();
	}

	/**
	 * Sets a SKU's available stock through inventory's operator endpoint, on the version
	 * just read (the endpoint refuses a correction without {@code If-Match}).
	 */
	void setStock(String sku, int available) throws IOException, InterruptedException {
		URI stock = URI.create(url("INVENTORY_PORT") + "/api/stock/" + sku);
		String eTag;
		try (HttpClient client = HttpClient.newHttpClient()) {
			eTag = client
				.send(HttpRequest.newBuilder(stock).header("Authorization", operator()).build(),
						HttpResponse.BodyHandlers.discarding())
				.headers()
				.firstValue("ETag")
				.orElseThrow(() -> new AssertionError("no stock for " + sku));
		}
		HttpRequest request = HttpRequest.newBuilder(stock)
			.header("If-Match", eTag)
			.header("Authorization", operator())
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

	String url(String portVariable) {
		return "http://127.0.0.1:" + this.stack.port(portVariable);
	}

	String database(String name) {
		return this.stack.database(name);
	}

	/**
	 * Kills process {@code name} with SIGKILL (no shutdown hook, no flush, no leaving the
	 * group); returns once it is gone.
	 */
	void kill(String name) {
		this.stack.kill(name);
	}

	/** Starts a killed process again, as it was first started, its output appended. */
	void restart(String name) {
		this.stack.startAgain(name);
	}

	Connection connect(String database) throws SQLException {
		return this.stack.connectAsAdmin(database);
	}

	/**
	 * Connects to a service's database with the service's own login (the stack names the
	 * login and its password after the database), which owns its tables.
	 */
	Connection connectAsService(String name) throws SQLException {
		return this.stack.connectAsService(name);
	}

	/** The last lines of every log of the stack, for a failure message. */
	String logTails() {
		return this.stack.logTails();
	}

	/**
	 * Stops everything, makes sure no process of the stack is left, and drops the stack's
	 * databases and logins.
	 */
	void stop() throws Exception {
		smtpDown();
		this.ports.close();
		List<ProcessHandle> before = new ArrayList<>();
		this.stack.pids().values().forEach((pid) -> ProcessHandle.of(pid).ifPresent(before::add));
		try {
			this.stack.stop();
		}
		finally {
			this.stack.dropDatabases();
		}
		List<ProcessHandle> left = before.stream().filter(ProcessHandle::isAlive).toList();
		if (!left.isEmpty()) {
			left.forEach(ProcessHandle::destroyForcibly);
			throw new AssertionError("processes left after stop: " + left);
		}
	}

	private static Path findRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (java.nio.file.Files.isRegularFile(dir.resolve("scripts/local-stack.sh"))) {
				return dir;
			}
		}
		throw new IllegalStateException("Not inside the EventShop repository: " + Path.of("").toAbsolutePath());
	}

}
