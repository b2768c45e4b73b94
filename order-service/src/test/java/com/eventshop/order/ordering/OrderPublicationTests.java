package com.eventshop.order.ordering;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.messaging.outbox.OutboxRelay;
import com.eventshop.messaging.support.EventJson;
import com.eventshop.order.OrderServiceTest;
import com.eventshop.testsupport.EventSchemas;
import com.eventshop.testsupport.TopicReader;
import com.eventshop.testsupport.TopicReaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static com.eventshop.testsupport.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an accepted order puts on {@code shop.orders.v1}: one CloudEvent, keyed by the
 * order id, whose data validates against the published schema; nothing for a rolled-back
 * transaction.
 */
@OrderServiceTest
class OrderPublicationTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	@Autowired
	OrderManagement orders;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	EventJson eventJson;

	@Autowired
	OutboxRelay relay;

	@Autowired
	TopicReaders topics;

	TopicReader topic;

	@BeforeEach
	void openTopic() {
		this.topic = this.topics.open(Topics.ORDERS);
	}

	@Test
	void placedOrderIsPublishedOnceAsACloudEventKeyedByOrderId() {
		Order order = Orders.place(this.orders, Orders.newCustomer(), null, "MUG-001", "TEE-002").order();
		String key = order.getId().toString();

		this.topic.awaitRecords(TIMEOUT, (records) -> !this.topic.withKey(key).isEmpty());
		UUID sentinel = Orders.place(this.orders, Orders.newCustomer(), null).order().getId();
		this.topic.awaitRecords(TIMEOUT, (records) -> !this.topic.withKey(sentinel.toString()).isEmpty());

		List<ConsumerRecord<String, byte[]>> published = this.topic.withKey(key);
		assertThat(published).hasSize(1);
		ConsumerRecord<String, byte[]> record = published.getFirst();
		assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
		assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.ORDER_PLACED_V1.name());
		assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/order-service");
		assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(key);
		assertThat(header(record, CloudEventHeaders.DATA_SCHEMA))
			.isEqualTo("https://eventshop.example/asyncapi.yaml#/components/schemas/shop.order.placed.v1");
		assertThat(header(record, CloudEventHeaders.CORRELATION_ID)).isEqualTo(key);
		assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
		assertThat(UUID.fromString(header(record, CloudEventHeaders.ID))).isNotNull();
		assertThat(header(record, CloudEventHeaders.TIME)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		assertThat(record.headers().headers("__TypeId__")).as("no Java type on the wire").isEmpty();
		assertThat(EventSchemas.errors(EventTypes.ORDER_PLACED_V1.name(), record.value())).isEmpty();

		OrderPlaced event = this.eventJson.read(record.value(), OrderPlaced.class);
		assertThat(event.orderId()).isEqualTo(order.getId());
		assertThat(event.lines()).extracting(OrderPlaced.Line::sku).containsExactly("MUG-001", "TEE-002");
		assertThat(event.total()).isEqualByComparingTo(new BigDecimal("36.50"));
		assertThat(event.customer().email()).isEqualTo("ada@example.com");
		assertThat(this.jdbc.sql("select published_at is not null from messaging.outbox where record_key = ?")
			.param(key)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void relayPublishesAgainAfterItWasStoppedAndStarted() {
		// Spring stops and restarts lifecycle beans, e.g. when the
		// test framework pauses a cached context or an operator
		// restarts the application context: the relay must come back.
		this.relay.stop();
		this.relay.start();
		UUID orderId = Orders.place(this.orders, Orders.newCustomer(), null).order().getId();
		this.topic.awaitRecords(TIMEOUT, (records) -> !this.topic.withKey(orderId.toString()).isEmpty());
	}

	@Test
	void rolledBackTransactionPublishesNothing() {
		String customer = Orders.newCustomer();
		UUID rolledBack = new TransactionTemplate(this.transactionManager).execute((status) -> {
			UUID id = Orders.place(this.orders, customer, null).order().getId();
			this.jdbc.sql("select 1 from customer_order").query(Integer.class).list();
			status.setRollbackOnly();
			return id;
		});
		UUID sentinel = Orders.place(this.orders, Orders.newCustomer(), null).order().getId();

		// The relay publishes in commit order, so once the later order
		// is on the topic, the rolled-back one would have been too.
		this.topic.awaitRecords(TIMEOUT, (records) -> !this.topic.withKey(sentinel.toString()).isEmpty());
		assertThat(this.topic.withKey(rolledBack.toString())).isEmpty();
		assertThat(count("select count(*) from customer_order where customer_id = ?", customer)).isZero();
		assertThat(count("select count(*) from messaging.outbox where record_key = ?", rolledBack.toString())).isZero();
	}

	@Test
	void fiftyConcurrentOrdersGiveFiftyOrdersAndFiftyEvents() throws Exception {
		String customer = Orders.newCustomer();
		List<Callable<UUID>> placements = IntStream.range(0, 50)
			.<Callable<UUID>>mapToObj(
					(i) -> () -> Orders.place(this.orders, customer, "key-" + customer + "-" + i).order().getId())
			.toList();
		Set<UUID> ids;
		try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
			List<Future<UUID>> results = pool.invokeAll(placements);
			ids = results.stream().map(OrderPublicationTests::get).collect(Collectors.toSet());
		}
		assertThat(ids).hasSize(50);
		assertThat(count("select count(*) from customer_order where customer_id = ?", customer)).isEqualTo(50);

		Set<String> keys = ids.stream().map(UUID::toString).collect(Collectors.toSet());
		this.topic.awaitRecords(TIMEOUT,
				(records) -> records.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(keys));
		List<ConsumerRecord<String, byte[]>> ours = this.topic.poll()
			.stream()
			.filter((r) -> keys.contains(r.key()))
			.toList();
		assertThat(ours).hasSize(50);
		assertThat(ours).extracting((r) -> header(r, CloudEventHeaders.ID)).doesNotHaveDuplicates();
	}

	private long count(String sql, String param) {
		return this.jdbc.sql(sql).param(param).query(Long.class).single();
	}

	private static UUID get(Future<UUID> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new AssertionError("placement failed", ex);
		}
	}

}
