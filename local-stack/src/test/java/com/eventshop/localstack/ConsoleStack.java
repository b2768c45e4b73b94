package com.eventshop.localstack;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.eventshop.localstack.identity.AuthClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One whole local stack (broker, mail server, trace server, authorization server, five
 * services, gateway) for a browser test class: started by the README's
 * {@code scripts/local-stack.sh up} the first time the class asks for it, kept in the
 * class's JUnit store, and stopped (databases dropped) when the class ends. Starting a
 * stack costs minutes on a small machine: the browser tests share one class.
 * <p>
 * A test class gets it as a parameter: {@code @ExtendWith(ConsoleStack.Resolver.class)}
 * and {@code @BeforeAll static void start(ConsoleStack stack)}.
 */
public final class ConsoleStack implements AutoCloseable {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConsoleStack.class);

	private final TestStack stack = new TestStack("console-stack");

	private final Process up;

	private final ProcessOutput output;

	private List<ProcessHandle> started = List.of();

	private ConsoleStack() throws Exception {
		ProcessBuilder script = this.stack.script("scripts/local-stack.sh", "up");
		// the supervisor's own bound for one process to become healthy; a shared CI
		// machine can take longer than a laptop's 300 s
		script.environment().put("LOCAL_STACK_TIMEOUT", "600");
		this.up = script.start();
		this.output = ProcessOutput.of(this.up);
		try {
			await("the console's stack to be up").atMost(Duration.ofMinutes(15))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> this.output.contains("EventShop is running") || !this.up.isAlive());
			assertThat(this.up.isAlive()).as("%s%n%s", this.output, this.stack.logTails()).isTrue();
		}
		catch (RuntimeException | AssertionError ex) {
			this.started = this.up.descendants().toList();
			close();
			throw ex;
		}
		var pids = this.stack.pids();
		this.started = this.up.descendants().filter((process) -> pids.containsValue(process.pid())).toList();
	}

	/** The console's address as a person opens it: the gateway, by name. */
	public String gateway() {
		return this.stack.url("EDGE_PORT").replace("127.0.0.1", "localhost");
	}

	/** What {@code up} printed: the banner with the console's URL and the demo users. */
	public String banner() {
		return this.output.text();
	}

	/** The stack's authorization server, to sign a customer in for an API call. */
	public AuthClient auth() {
		return this.stack.auth();
	}

	/** Log files of the stack, for a failure message. */
	public String logTails() {
		return this.stack.logTails();
	}

	@Override
	public void close() throws IOException, SQLException {
		try {
			this.up.toHandle().destroy();
			this.up.waitFor(3, TimeUnit.MINUTES);
			Process stop = this.stack.script("scripts/local-stack.sh", "stop").start();
			ProcessOutput.of(stop);
			stop.waitFor(2, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			for (ProcessHandle process : this.started) {
				Optional.of(process).filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
			}
			this.stack.dropDatabases();
		}
	}

	/**
	 * Gives a test class its console stack, started on first use and stopped when the
	 * class ends: kept longer, it would run beside {@code LocalStackTests}' own stack,
	 * two stacks on one small machine and one PostgreSQL's connection slots.
	 */
	public static final class Resolver implements ParameterResolver {

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == ConsoleStack.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			return context.getStore(NAMESPACE).computeIfAbsent(ConsoleStack.class, (key) -> {
				try {
					return new ConsoleStack();
				}
				catch (Exception ex) {
					throw new IllegalStateException("The console's stack did not start", ex);
				}
			}, ConsoleStack.class);
		}

	}

}
