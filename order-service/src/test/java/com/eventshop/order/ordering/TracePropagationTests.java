package com.eventshop.order.ordering;

import java.time.Duration;
import java.util.UUID;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.Topics;
import com.eventshop.order.OrderServiceTest;
import com.eventshop.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trace that reaches {@code POST /api/orders} continues on the {@code OrderPlaced}
 * record, although the record is published later by the outbox relay on another thread.
 */
@OrderServiceTest
class TracePropagationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Test
	void orderPlacedCarriesTheTraceOfTheRequestThatPlacedIt() {
		String traceId = UUID.randomUUID().toString().replace("-", "");
		OrderApi api = new OrderApi(this.port, this.jdbc);
		OrderApi.Response response = api.send(api.orderPost(OrderApi.json(OrderApi.validOrder()))
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
		assertThat(response.status()).isEqualTo(201);
		String key = response.orderId().toString();

		try (TopicReader topic = new TopicReader(this.bootstrapServers, Topics.ORDERS)) {
			topic.awaitRecords(Duration.ofSeconds(30), (records) -> !topic.withKey(key).isEmpty());
			ConsumerRecord<String, byte[]> record = topic.withKey(key).getFirst();
			assertThat(TopicReader.header(record, CloudEventHeaders.TRACEPARENT)).startsWith("00-" + traceId + "-");
		}
	}

}
