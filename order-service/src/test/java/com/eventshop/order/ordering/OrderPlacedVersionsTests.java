package com.eventshop.order.ordering;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.events.order.OrderPlacedV2;
import com.eventshop.messaging.consumer.EventConsumer;
import com.eventshop.order.OrderServiceTest;
import com.eventshop.testsupport.TestInfrastructure;
import com.eventshop.testsupport.TopicReader;
import com.eventshop.testsupport.TopicReaders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A breaking change rolled out as a new type: with
 * {@code eventshop.orders.publish-order-placed-v2} on, the order service publishes every
 * placed order as {@code shop.order.placed.v1} and {@code shop.order.placed.v2}, and a
 * consumer that still reads v1 and one that already reads v2 run side by side on
 * {@code shop.orders.v1}: each handles every order exactly once, in the version it knows,
 * and skips the other.
 */
@OrderServiceTest
@TestPropertySource(properties = "eventshop.orders.publish-order-placed-v2=true")
@Import(OrderPlacedVersionsTests.SideBySideConsumers.class)
class OrderPlacedVersionsTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	static final String V1_GROUP = "placed-v1-reader";

	static final String V2_GROUP = "placed-v2-reader";

	@Autowired
	OrderManagement orders;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestInfrastructure infrastructure;

	@Autowired
	SideBySideConsumers consumers;

	@Autowired
	TopicReaders topics;

	@Test
	void aV1ConsumerAndAV2ConsumerEachHandleEveryOrderOnce() throws Exception {
		List<UUID> placed = List.of(place("MUG-001", "TEE-002"), place("TEE-002"), place("MUG-001"));

		await().atMost(TIMEOUT)
			.until(() -> this.consumers.v1Orders().containsAll(placed)
					&& this.consumers.v2Orders().containsAll(placed));
		// Both groups are past every record published so far, the other version's too.
		Map<TopicPartition, Long> end = endOffsets();
		await().atMost(TIMEOUT).until(() -> caughtUp(V1_GROUP, end) && caughtUp(V2_GROUP, end));
		Set<String> keys = placed.stream().map(UUID::toString).collect(Collectors.toSet());
		for (String group : List.of(V1_GROUP, V2_GROUP)) {
			TopicReader deadLetters = this.topics.open(Topics.deadLetter(Topics.ORDERS, group));
			long parked = deadLetters.endOffsetSum();
			assertThat(deadLetters.awaitRecords(TIMEOUT, (records) -> records.size() >= parked))
				.as("the version a group does not read is skipped, not dead-lettered")
				.noneMatch((record) -> keys.contains(record.key()));
		}

		for (UUID orderId : placed) {
			assertThat(this.consumers.v1Orders()).as("v1 handled %s", orderId).containsOnlyOnce(orderId);
			assertThat(this.consumers.v2Orders()).as("v2 handled %s", orderId).containsOnlyOnce(orderId);
			assertThat(outboxTypes(orderId)).containsExactly(EventTypes.ORDER_PLACED_V1.name(),
					EventTypes.ORDER_PLACED_V2.name());
			assertThat(inboxRows(V1_GROUP, orderId, EventTypes.ORDER_PLACED_V1.name())).isOne();
			assertThat(inboxRows(V2_GROUP, orderId, EventTypes.ORDER_PLACED_V2.name())).isOne();
			assertThat(inboxRows(V1_GROUP, orderId, EventTypes.ORDER_PLACED_V2.name())).isZero();
			assertThat(inboxRows(V2_GROUP, orderId, EventTypes.ORDER_PLACED_V1.name())).isZero();

			Order order = this.orders.find(orderId);
			OrderPlaced v1 = this.consumers.v1.stream().filter((e) -> e.orderId().equals(orderId)).findFirst().get();
			OrderPlacedV2 v2 = this.consumers.v2.stream().filter((e) -> e.orderId().equals(orderId)).findFirst().get();
			assertThat(v1.total()).isEqualByComparingTo(order.getTotal());
			assertThat(v1.currency()).isEqualTo(order.getCurrency());
			assertThat(v2.total().amount()).isEqualByComparingTo(order.getTotal());
			assertThat(v2.total().currency()).isEqualTo(order.getCurrency());
			assertThat(v2.lines()).extracting(OrderPlacedV2.Line::sku)
				.containsExactlyElementsOf(v1.lines().stream().map(OrderPlaced.Line::sku).toList());
			assertThat(v2.lines()).allSatisfy((line) -> assertThat(line.unitPrice().currency()).isEqualTo("EUR"));
		}
	}

	private UUID place(String... skus) {
		return Orders.place(this.orders, Orders.newCustomer(), null, skus).order().getId();
	}

	private List<String> outboxTypes(UUID orderId) {
		return this.jdbc.sql("select event_type from messaging.outbox where record_key = ? order by id")
			.param(orderId.toString())
			.query(String.class)
			.list();
	}

	private long inboxRows(String group, UUID orderId, String type) {
		return this.jdbc.sql("""
				select count(*) from messaging.inbox i join messaging.outbox o on o.event_id = i.event_id
				where i.consumer = ? and o.record_key = ? and o.event_type = ?""")
			.params(group, orderId.toString(), type)
			.query(Long.class)
			.single();
	}

	private Map<TopicPartition, Long> endOffsets() throws ExecutionException, InterruptedException {
		try (Admin admin = admin()) {
			List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.ORDERS))
				.allTopicNames()
				.get()
				.get(Topics.ORDERS)
				.partitions()
				.stream()
				.map((partition) -> new TopicPartition(Topics.ORDERS, partition.partition()))
				.toList();
			return admin
				.listOffsets(
						partitions.stream().collect(Collectors.toMap(Function.identity(), (p) -> OffsetSpec.latest())))
				.all()
				.get()
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
		}
	}

	private boolean caughtUp(String group, Map<TopicPartition, Long> end)
			throws ExecutionException, InterruptedException {
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			return end.entrySet()
				.stream()
				.allMatch((entry) -> entry.getValue() == 0 || (committed.get(entry.getKey()) != null
						&& committed.get(entry.getKey()).offset() >= entry.getValue()));
		}
	}

	private Admin admin() {
		return Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.infrastructure.kafkaBootstrapServers()));
	}

	/**
	 * Two consumer groups as two services would declare them: one still on v1, one
	 * already on v2. Each notes what it handled.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class SideBySideConsumers {

		final Queue<OrderPlaced> v1 = new ConcurrentLinkedQueue<>();

		final Queue<OrderPlacedV2> v2 = new ConcurrentLinkedQueue<>();

		@Bean
		EventConsumer placedV1Reader() {
			return EventConsumer.group(V1_GROUP)
				.on(OrderPlaced.class, (OrderPlaced event) -> this.v1.add(event))
				.build();
		}

		@Bean
		EventConsumer placedV2Reader() {
			return EventConsumer.group(V2_GROUP)
				.on(OrderPlacedV2.class, (OrderPlacedV2 event) -> this.v2.add(event))
				.build();
		}

		List<UUID> v1Orders() {
			return this.v1.stream().map(OrderPlaced::orderId).toList();
		}

		List<UUID> v2Orders() {
			return this.v2.stream().map(OrderPlacedV2::orderId).toList();
		}

	}

}
