package com.eventshop.testsupport;

import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Infrastructure from Docker: one Apache Kafka (KRaft) container and one PostgreSQL
 * container for the whole JVM, with a fresh database per test context inside the shared
 * server.
 */
final class DockerInfrastructure extends TestInfrastructure {

	/**
	 * The broker image of the client's own version (the build pins one Kafka version for
	 * clients, the local broker and {@code docker-compose.yml}).
	 */
	static final String KAFKA_IMAGE = "apache/kafka:" + AppInfoParser.getVersion();

	static final String POSTGRES_IMAGE = "postgres:15-alpine";

	private final KafkaContainer kafka;

	private final PostgreSQLContainer postgres;

	private final PostgresDatabases databases;

	private DockerInfrastructure(KafkaContainer kafka, PostgreSQLContainer postgres) {
		this.kafka = kafka;
		this.postgres = postgres;
		this.databases = new PostgresDatabases(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
	}

	static boolean available() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	static DockerInfrastructure start() {
		KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE).withEnv("KAFKA_NUM_PARTITIONS", "6");
		PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withDatabaseName("postgres");
		kafka.start();
		postgres.start();
		return new DockerInfrastructure(kafka, postgres);
	}

	@Override
	public String kafkaBootstrapServers() {
		return this.kafka.getBootstrapServers();
	}

	@Override
	public TestDatabase newDatabase() {
		return this.databases.create();
	}

	@Override
	public String mode() {
		return "docker";
	}

	@Override
	protected void stop() {
		this.postgres.stop();
		this.kafka.stop();
	}

}
