package com.eventshop.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Kafka clients that {@link WithTestInfrastructure} gives a test as beans: what the
 * publisher sends, a reader reads; and a reader does not outlive its test method.
 */
@SpringJUnitConfig(TestInfrastructureBeansTests.NoApplication.class)
@WithTestInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestInfrastructureBeansTests {

	private static final String TOPIC = "test-support.beans." + UUID.randomUUID();

	private static TopicReader readerOfFirstTest;

	@Autowired
	EventPublisher publisher;

	@Autowired
	TopicReaders topics;

	@Autowired
	TestInfrastructure infrastructure;

	@Test
	@Order(1)
	void readerSeesWhatThePublisherSent() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.infrastructure.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(60, TimeUnit.SECONDS);
		}
		UUID eventId = UUID.randomUUID();
		this.publisher.publish(TOPIC, "order-1", "shop.test.v1", eventId, "{}".getBytes(StandardCharsets.UTF_8));

		TopicReader reader = this.topics.open(TOPIC);
		readerOfFirstTest = reader;
		List<ConsumerRecord<String, byte[]>> records = reader.awaitRecords(Duration.ofSeconds(60),
				(read) -> !read.isEmpty());
		assertThat(records).singleElement().satisfies((record) -> {
			assertThat(record.key()).isEqualTo("order-1");
			assertThat(TopicReader.header(record, "ce_id")).isEqualTo(eventId.toString());
		});
	}

	@Test
	@Order(2)
	void readersAreClosedAfterTheirTestMethod() {
		assertThat(readerOfFirstTest).as("the first test ran").isNotNull();
		assertThatIllegalStateException().isThrownBy(readerOfFirstTest::poll);
	}

	@Configuration(proxyBeanMethods = false)
	static class NoApplication {

	}

}
