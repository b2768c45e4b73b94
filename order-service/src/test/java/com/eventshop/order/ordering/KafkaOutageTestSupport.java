package com.eventshop.order.ordering;

import com.eventshop.testsupport.KafkaBrokers;
import com.eventshop.testsupport.TcpProxy;
import com.eventshop.testsupport.TestInfrastructure;
import com.eventshop.testsupport.WithTestInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the tests share that start the order service with Kafka unreachable: the service's
 * only bootstrap address is a port where nothing listens until a test opens
 * {@link #kafkaComesBack()}, a proxy to the real broker. Each subclass declares its own
 * {@code @SpringBootTest} (with {@code spring.kafka.admin.auto-create=false}, so start-up
 * does not wait for the broker) and its settings.
 * <p>
 * The context is closed after each class: once Kafka came back, its {@code order}
 * consumer joined the shared broker's consumer group, and a cached context would keep
 * taking partitions, and with them the events other tests publish, into its own database.
 */
@DirtiesContext
@WithTestInfrastructure
abstract class KafkaOutageTestSupport {

	/** Nothing listens here until a test opens the proxy. */
	static final int KAFKA_PORT = KafkaBrokers.freePort();

	@DynamicPropertySource
	static void unreachableKafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + KAFKA_PORT);
	}

	@Autowired
	TestInfrastructure infrastructure;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	/** The real broker, which the service cannot reach by itself. */
	String realKafka() {
		return this.infrastructure.kafkaBootstrapServers();
	}

	/**
	 * Opens a proxy at the service's bootstrap address to the real broker: Kafka is
	 * reachable until it is closed.
	 */
	TcpProxy kafkaComesBack() {
		return TcpProxy.start(KAFKA_PORT, realKafka());
	}

}
