package com.eventshop.messaging.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.messaging.consumer.EventConsumer;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.KafkaBrokers;
import com.eventshop.testsupport.TcpProxy;
import com.eventshop.testsupport.WithTestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service whose Kafka is not there yet starts, reports not ready, declares its topics
 * (its published topic, and its group's retry and dead-letter topics) when a broker
 * arrives at the configured address, and then handles events, without a restart. The
 * broker that arrives creates no topic by itself
 * ({@code auto.create.topics.enable=false}, as in compose), so every topic the service
 * needs exists only because it declared it.
 */
@DirtiesContext
@SpringBootTest(classes = StartupWithoutKafkaTests.Service.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.application.name=startup-test", "eventshop.messaging.publishes=" + Topics.ORDERS,
				"eventshop.messaging.topics.partitions=2" })
@WithTestInfrastructure
class StartupWithoutKafkaTests {

	private static final Duration PATIENCE = Duration.ofMinutes(3);

	/** Nothing listens here until the test starts a broker behind it. */
	static final int KAFKA_PORT = KafkaBrokers.freePort();

	static final Queue<UUID> handled = new ConcurrentLinkedQueue<>();

	@DynamicPropertySource
	static void kafkaNotThereYet(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + KAFKA_PORT);
	}

	@Autowired
	@Qualifier("messagingHealthContributor")
	CompositeHealthContributor health;

	@Autowired
	EventConsumer consumer;

	@Test
	void startsWithoutKafkaThenDeclaresItsTopicsAndHandlesEventsWhenKafkaArrives() {
		assertThat(status("topics")).isEqualTo(Status.DOWN);
		assertThat(readiness()).isEqualTo(Status.DOWN);

		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2);
		broker.brokerProperties(Map.of("auto.create.topics.enable", "false", "group.initial.rebalance.delay.ms", "0"));
		broker.afterPropertiesSet();
		// The embedded broker picks its own port; the service's address leads to it from
		// now on.
		TcpProxy kafkaArrives = TcpProxy.start(KAFKA_PORT, broker.getBrokersAsString());
		try {
			String bootstrap = "127.0.0.1:" + KAFKA_PORT;
			List<String> expected = new ArrayList<>(List.of(Topics.ORDERS));
			expected.add(this.consumer.deadLetterTopic(Topics.ORDERS));
			expected.add(this.consumer.retryTopic(Topics.ORDERS));
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
				await().atMost(PATIENCE).until(() -> topics(admin).containsAll(expected));
			}
			await().atMost(PATIENCE).until(() -> readiness() == Status.UP);

			UUID orderId = UUID.randomUUID();
			try (EventPublisher publisher = new EventPublisher(bootstrap)) {
				publisher.publish(EventTypes.of(OrderPlaced.class), UUID.randomUUID(),
						EventPublisher.golden(EventTypes.of(OrderPlaced.class), orderId));
			}
			await().atMost(PATIENCE).until(() -> handled.contains(orderId));
		}
		finally {
			kafkaArrives.close();
			broker.destroy();
		}
	}

	private Status status(String part) {
		return ((HealthIndicator) this.health.getContributor(part)).health().getStatus();
	}

	private Status readiness() {
		return this.health.stream()
			.map((entry) -> ((HealthIndicator) entry.contributor()).health().getStatus())
			.filter((status) -> !Status.UP.equals(status))
			.findFirst()
			.orElse(Status.UP);
	}

	private static Set<String> topics(Admin admin) throws Exception {
		return admin.listTopics().names().get();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Service {

		@Bean
		EventConsumer startupTestConsumer() {
			return EventConsumer.group("startup-test")
				.on(OrderPlaced.class, (event) -> handled.add(event.orderId()))
				.build();
		}

	}

}
