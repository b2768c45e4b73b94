package com.eventshop.order.ordering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.eventshop.events.Topics;
import com.eventshop.testsupport.TcpProxy;
import com.eventshop.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka being unreachable never fails order placement, and every order accepted meanwhile
 * is published once a broker answers at the configured address. The service's only
 * bootstrap address is a port where nothing listens until the test opens a proxy to the
 * real broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.admin.auto-create=false", "eventshop.messaging.outbox.send-timeout=3s",
				"eventshop.messaging.outbox.max-backoff=1s" })
class KafkaOutageTests extends KafkaOutageTestSupport {

	@Test
	void ordersAcceptedWhileKafkaIsDownArePublishedWhenItReturns() {
		OrderApi api = new OrderApi(this.port, this.jdbc);
		String body = OrderApi.json(OrderApi.validOrder());
		List<String> accepted = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			OrderApi.Response response = api.placeOrder(body);
			assertThat(response.status()).as(response.body()).isEqualTo(201);
			accepted.add(response.orderId().toString());
		}
		assertThat(unpublished()).isEqualTo(20);

		TcpProxy kafkaComesBack = kafkaComesBack();
		try (TopicReader topic = new TopicReader(realKafka(), Topics.ORDERS)) {
			topic.awaitRecords(Duration.ofSeconds(60), (records) -> keys(records).containsAll(accepted));
			for (String orderId : accepted) {
				assertThat(topic.withKey(orderId)).as("records of order %s", orderId).isNotEmpty();
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
		}
		finally {
			kafkaComesBack.close();
		}
	}

	private long unpublished() {
		return this.jdbc.sql("select count(*) from messaging.outbox where published_at is null")
			.query(Long.class)
			.single();
	}

	private static Set<String> keys(List<ConsumerRecord<String, byte[]>> records) {
		return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
	}

}
