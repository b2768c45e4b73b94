package com.eventshop.localstack.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.eventshop.localstack.identity.AuthClient;
import com.eventshop.localstack.identity.ClientToken;
import org.jspecify.annotations.Nullable;

/**
 * EventShop on one machine without Docker, as {@code scripts/local-stack.sh} and the
 * tests that need the whole system run it: start what is not running, stop everything,
 * kill or restart one process, and what runs where.
 */
public final class LocalStack {

	/** The services: name (module {@code <name>-service}), default port, database. */
	public static final List<Service> SERVICES = List.of(new Service("order", 8081, "orders"),
			new Service("inventory", 8082, "inventory"), new Service("email", 8083, "email"),
			new Service("shipping", 8084, "shipping"), new Service("analytics", 8085, "analytics"));

	private final Path root;

	private final Settings settings;

	private final ProcessCatalog catalog;

	private final Supervisor supervisor;

	private final Consumer<String> say;

	private final Duration readyTimeout;

	private final Duration stopGrace;

	private @Nullable Ports ports;

	private boolean closed;

	/**
	 * @param root the repository
	 * @param settings the environment variables the stack reads (see docs/running.md);
	 * every one is also passed on to the processes, as a shell passes its environment on
	 * @param say where progress goes, a line at a time
	 */
	public LocalStack(Path root, Map<String, String> settings, Consumer<String> say) {
		this.root = root.toAbsolutePath().normalize();
		this.settings = new Settings(settings);
		this.say = say;
		Path dir = this.settings.path("LOCAL_STACK_DIR", this.root.resolve(".local-stack"));
		this.supervisor = new Supervisor(dir, say);
		// A stack that runs scaled stays scaled for the commands that find it running
		// (status, kill, restart of one instance), even with a broker down.
		boolean scaled = this.settings.scale() || (this.supervisor.spec(ProcessCatalog.brokerName(2)).isPresent()
				&& !this.supervisor.pids().isEmpty());
		this.catalog = new ProcessCatalog(this.root, this.supervisor.dir(), this.settings, scaled);
		// Generous: a busy machine (parallel builds) can take minutes to start five JVMs.
		this.readyTimeout = Duration
			.ofSeconds(Long.parseLong(this.settings.getOrDefault("LOCAL_STACK_TIMEOUT", "300")));
		this.stopGrace = Duration.ofSeconds(Long.parseLong(this.settings.getOrDefault("LOCAL_STACK_STOP_GRACE", "60")));
	}

	/**
	 * Lets the stack bind ports that {@code ports} holds: each is released right before
	 * the process that binds it starts.
	 */
	public LocalStack holding(Ports ports) {
		this.ports = ports;
		return this;
	}

	public Supervisor supervisor() {
		return this.supervisor;
	}

	public Path dir() {
		return this.supervisor.dir();
	}

	public Path lib() {
		return this.catalog.lib();
	}

	public int port(String variable) {
		return this.settings.port(variable);
	}

	public String database(String name) {
		return this.catalog.database(name);
	}

	public String adminUser() {
		return this.catalog.adminUser();
	}

	/** The operator password: from the settings, or generated once into the folder. */
	public String adminPassword() {
		return this.catalog.adminPassword();
	}

	/** The authorization server's issuer URL (tokens come from there). */
	public String issuer() {
		return this.catalog.issuer();
	}

	/** The gateway's URL: the web console and the API through one door. */
	public String gateway() {
		return this.catalog.gateway();
	}

	/** A client of the stack's authorization server, to sign people in or get tokens. */
	public AuthClient auth() {
		return new AuthClient(URI.create(this.catalog.issuer()));
	}

	/**
	 * A machine client's token ({@code demo}, {@code load-generator},
	 * {@code operator-cli}) that renews itself, with the secret the stack's settings
	 * give.
	 */
	public ClientToken clientToken(String clientId) {
		return ClientToken.of(auth(), clientId, this.settings.all());
	}

	/**
	 * Whether the stack runs scaled out: three brokers, two instances of each service.
	 */
	public boolean scaled() {
		return this.catalog.scaled();
	}

	/** Where the stack's brokers answer, for Kafka clients. */
	public String bootstrapServers() {
		return this.catalog.bootstrapServers();
	}

	/** Everything the stack runs, in start order. */
	public List<String> names() {
		return this.catalog.names();
	}

	/** The JVM that runs Kafka's command-line tools, with the broker's classpath. */
	List<String> kafkaToolJava() {
		return this.catalog.kafkaJava();
	}

	/** The running processes' PIDs by name. */
	public Map<String, Long> pids() {
		return this.supervisor.pids();
	}

	/**
	 * Starts what is not running yet (a stopped process of a running stack starts again
	 * as it was recorded) and returns once every process is ready; when one fails, stops
	 * what this call started.
	 */
	public void start() {
		start((name) -> true);
	}

	/**
	 * Starts the broker(s) only, for a tool that needs Kafka and nothing else (the outbox
	 * trial of {@code load-tests}); returns once they are ready.
	 */
	public void startBrokers() {
		start((name) -> name.startsWith("kafka"));
	}

	private void start(Predicate<String> included) {
		boolean anyRunning = !this.supervisor.pids().isEmpty();
		List<ProcessSpec> wanted = new ArrayList<>();
		for (ProcessSpec fresh : this.catalog.processes()) {
			if (included.test(fresh.name()) && this.supervisor.running(fresh.name()).isEmpty()) {
				wanted.add(anyRunning ? this.supervisor.spec(fresh.name()).orElse(fresh) : fresh);
			}
		}
		if (wanted.isEmpty()) {
			this.say.accept("everything is running already");
			return;
		}
		for (ProcessSpec spec : wanted) {
			for (int port : spec.ports()) {
				if (this.ports != null && this.ports.holds(port)) {
					continue;
				}
				if (Ports.listening(port)) {
					throw new IllegalStateException("port " + port + " (for " + spec.name()
							+ ") is taken by another program; stop it, or choose another port (see docs/running.md)");
				}
			}
		}
		List<String> started = new ArrayList<>();
		try {
			prepare(wanted);
			wanted.stream().map(ProcessSpec::tier).distinct().sorted().forEach((tier) -> {
				List<ProcessSpec> group = wanted.stream().filter((spec) -> spec.tier() == tier).toList();
				group.forEach((spec) -> started.add(launch(spec)));
				if (tier > 0) {
					this.say.accept(
							"services starting (logs in " + dir().resolve("logs") + "); waiting until all are healthy");
				}
				group.forEach((spec) -> {
					this.supervisor.awaitReady(spec, this.readyTimeout);
					this.say.accept(spec.name() + " is ready: " + spec.where());
				});
			});
		}
		catch (RuntimeException ex) {
			this.say.accept("start failed; stopping what was started");
			this.supervisor.stop(started.reversed(), this.stopGrace);
			throw ex;
		}
	}

	/**
	 * Stops everything and starts nothing more through this object: what a Ctrl-C does
	 * while another thread may still be starting processes.
	 */
	public void close() {
		synchronized (this) {
			this.closed = true;
		}
		stop();
	}

	/** Stops everything: the services first, then what they use. */
	public void stop() {
		markStopping(true);
		try {
			List<ProcessSpec> specs = new ArrayList<>(this.supervisor.specs());
			specs.sort(Comparator.comparingInt(ProcessSpec::tier).reversed());
			specs.stream()
				.map(ProcessSpec::tier)
				.distinct()
				.forEach((tier) -> this.supervisor.stop(
						specs.stream().filter((spec) -> spec.tier() == tier).map(ProcessSpec::name).toList(),
						this.stopGrace));
		}
		finally {
			markStopping(false);
		}
	}

	/** SIGKILL to one process, as when its machine dies. */
	public void kill(String name) {
		this.supervisor.kill(name);
	}

	/** Stops one process (or finds it stopped) and starts it again as it was started. */
	public long restart(String name) {
		return this.supervisor.restart(name, this.stopGrace, this.readyTimeout);
	}

	/**
	 * Starts a stopped (or killed) process again as it was started, its output appended
	 * to its log, without waiting until it is ready.
	 */
	public long startAgain(String name) {
		ProcessSpec spec = this.supervisor.spec(name)
			.orElseThrow(() -> new IllegalStateException("the stack has never started " + name + " here"));
		return this.supervisor.start(spec, true);
	}

	/**
	 * What runs, one line a process; returns whether anything runs.
	 */
	public boolean status(Consumer<String> out) {
		boolean any = false;
		List<ProcessSpec> specs = this.supervisor.specs();
		for (String name : names()) {
			Optional<ProcessSpec> spec = specs.stream().filter((s) -> s.name().equals(name)).findFirst();
			Optional<Long> pid = this.supervisor.running(name);
			if (pid.isPresent() && spec.isPresent()) {
				any = true;
				String ready = spec.get().readiness().ready() ? "ready" : "not ready";
				out.accept(
						String.format("  %-12s running  pid %-7d %-9s %s", name, pid.get(), ready, spec.get().where()));
			}
			else {
				out.accept(String.format("  %-12s stopped", name));
			}
		}
		return any;
	}

	/**
	 * Connects to one of the server's databases with the administrator's login that
	 * scripts/postgres-ready.sh made (a PostgreSQL JDBC driver must be on the class
	 * path).
	 */
	public Connection connectAsAdmin(String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(database),
				this.settings.getOrDefault("EVENTSHOP_DB_ADMIN_USER", "eventshop"),
				this.settings.getOrDefault("EVENTSHOP_DB_ADMIN_PASSWORD", "eventshop"));
	}

	/**
	 * Connects to a service's database ({@code orders}, ...) with the service's own
	 * login, which owns its tables.
	 */
	public Connection connectAsService(String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(database(database)), database(database), database(database));
	}

	/**
	 * Drops the databases and logins of the services, for a stack that leaves nothing.
	 */
	public void dropDatabases() throws SQLException {
		try (Connection connection = connectAsAdmin("postgres"); Statement statement = connection.createStatement()) {
			for (Service service : SERVICES) {
				statement.execute("drop database if exists " + database(service.database()) + " with (force)");
				statement.execute("drop role if exists " + database(service.database()));
			}
		}
	}

	/** The last lines of every process's log, for a failure message. */
	public String logTails() {
		StringBuilder tails = new StringBuilder();
		for (String name : names()) {
			tails.append("--- ").append(name).append('\n').append(this.supervisor.tail(name)).append('\n');
		}
		return tails.toString();
	}

	private String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.settings.getOrDefault("EVENTSHOP_DB_HOST", "127.0.0.1") + ":"
				+ this.settings.getOrDefault("EVENTSHOP_DB_PORT", "5432") + "/" + database;
	}

	/** Whether {@code stop} runs (here or in another invocation): exits are intended. */
	public boolean stopping() {
		return Files.exists(dir().resolve("stopping"));
	}

	private void prepare(List<ProcessSpec> wanted) {
		try {
			if (wanted.stream().anyMatch((spec) -> spec.name().startsWith("kafka"))) {
				this.catalog.prepareKafka(this.say);
			}
			List<Service> services = SERVICES.stream()
				.filter((service) -> wanted.stream()
					.anyMatch((spec) -> spec.name().equals(service.name())
							|| spec.name().startsWith(service.name() + "-")))
				.toList();
			if (!services.isEmpty()) {
				script("scripts/postgres-ready.sh");
				List<String> databases = new ArrayList<>();
				for (Service service : services) {
					script("scripts/service-db.sh", database(service.database()));
					databases.add(database(service.database()));
				}
				this.say.accept("databases and logins ready: " + String.join(" ", databases));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private synchronized String launch(ProcessSpec spec) {
		if (this.closed) {
			throw new IllegalStateException("stopping: " + spec.name() + " is not started");
		}
		if (this.ports != null) {
			spec.ports().forEach(this.ports::release);
		}
		this.supervisor.start(spec, false);
		return spec.name();
	}

	private void script(String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of("bash"));
		line.addAll(List.of(command));
		ProcessBuilder builder = new ProcessBuilder(line).directory(this.root.toFile()).redirectErrorStream(true);
		builder.environment().putAll(this.settings.all());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
		}
	}

	private void markStopping(boolean on) {
		try {
			Path marker = dir().resolve("stopping");
			if (on) {
				Files.createDirectories(dir());
				Files.writeString(marker, "");
			}
			else {
				Files.deleteIfExists(marker);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
