package com.eventshop.testsupport;

import java.sql.SQLException;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Infrastructure from this machine: a KRaft broker inside the test JVM and the local
 * PostgreSQL made ready by {@code scripts/postgres-ready.sh}.
 */
final class LocalInfrastructure extends TestInfrastructure {

	private final EmbeddedKafkaKraftBroker broker;

	private final PostgresDatabases databases;

	private LocalInfrastructure(EmbeddedKafkaKraftBroker broker, PostgresDatabases databases) {
		this.broker = broker;
		this.databases = databases;
	}

	static String problem() {
		String problem = loginProblem();
		if (problem != null && PostgresReadyScript.runOnce()) {
			problem = loginProblem();
		}
		return problem;
	}

	private static String loginProblem() {
		try {
			databases().checkLogin();
			return null;
		}
		catch (SQLException ex) {
			return "no PostgreSQL login at " + adminUrl() + " as '" + setting("EVENTSHOP_DB_ADMIN_USER", "eventshop")
					+ "' (" + ex.getMessage() + ")";
		}
	}

	static LocalInfrastructure start() {
		String problem = problem();
		if (problem != null) {
			throw new IllegalStateException("Local test infrastructure: " + problem
					+ ". Run scripts/postgres-ready.sh, or use Docker with -D" + MODE_PROPERTY + "=docker.");
		}
		EmbeddedKafkaKraftBroker broker = startBroker(0);
		return new LocalInfrastructure(broker, databases());
	}

	/**
	 * Starts a single-node KRaft broker in this JVM.
	 * @param port the port to listen on, or 0 for any free port
	 * @return the started broker; the caller destroys it
	 */
	public static EmbeddedKafkaKraftBroker startBroker(int port) {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6);
		broker.brokerProperties(Map.of("auto.create.topics.enable", "true", "group.initial.rebalance.delay.ms", "0",
				"num.partitions", "6", "offsets.topic.num.partitions", "6"));
		if (port > 0) {
			broker.kafkaPorts(port);
		}
		broker.afterPropertiesSet();
		return broker;
	}

	private static PostgresDatabases databases() {
		return new PostgresDatabases(adminUrl(), setting("EVENTSHOP_DB_ADMIN_USER", "eventshop"),
				setting("EVENTSHOP_DB_ADMIN_PASSWORD", "eventshop"));
	}

	private static String adminUrl() {
		String host = setting("EVENTSHOP_DB_HOST", "127.0.0.1");
		String port = setting("EVENTSHOP_DB_PORT", "5432");
		return "jdbc:postgresql://" + host + ":" + port + "/postgres";
	}

	private static String setting(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	@Override
	public String kafkaBootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	@Override
	public TestDatabase newDatabase() {
		return this.databases.create();
	}

	@Override
	public String mode() {
		return "local";
	}

	@Override
	protected void stop() {
		this.databases.dropAll();
		this.broker.destroy();
	}

}
