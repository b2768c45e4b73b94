package com.eventshop.edge.console.ops;

import com.eventshop.auth.AuthServerApplication;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real authorization server the console's browser tests sign in through, with the
 * demo users' test passwords ({@value #OPERATOR_PASSWORD} for the operator,
 * {@value #ADA_PASSWORD} for Ada), started once per test class for the edge it serves.
 */
final class DemoAuthServer implements AutoCloseable {

	static final String OPERATOR_PASSWORD = "operator-test-password";

	static final String ADA_PASSWORD = "ada-test-password";

	private @Nullable ConfigurableApplicationContext context;

	/**
	 * Starts the server (the first time) for an edge on the given port, and points that
	 * edge's port and issuer at it.
	 */
	void register(DynamicPropertyRegistry registry, int edgePort) {
		if (this.context == null) {
			this.context = AuthServerApplication.application()
				.properties("EDGE_URL=http://localhost:" + edgePort,
						"EVENTSHOP_DEMO_PASSWORD_OPERATOR=" + OPERATOR_PASSWORD,
						"EVENTSHOP_DEMO_PASSWORD_ADA=" + ADA_PASSWORD)
				.run("--server.port=0");
		}
		String issuer = "http://localhost:" + this.context.getEnvironment().getProperty("local.server.port");
		registry.add("server.port", () -> edgePort);
		registry.add("AUTH_ISSUER_URI", () -> issuer);
	}

	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

}
