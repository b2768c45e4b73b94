package com.eventshop.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.eventshop.events.ConsumerGroups;
import com.eventshop.events.ConsumerGroups.ConsumerGroup;
import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every consumer of {@code OrderPlaced} must show, against the real broker and
 * database: it handles the event; a redelivery (same {@code ce_id}) changes nothing;
 * poison records land in the group's dead-letter topic with failure headers while the
 * next good record of the same partition is still handled; a transient failure is
 * retried, not dead-lettered; and a dead-lettered record replayed after the fix is
 * handled once, by this group only. A newer writer's event (extra optional properties)
 * and an older writer's (an optional property left out) are handled like the current one;
 * a {@code shop.order.placed.v2} published beside v1 is skipped by a group that reads v1;
 * a type or version the build does not know is dead-lettered. The same holds for a burst
 * that the listener handles in batches (several events per transaction): poison among
 * them is dead-lettered alone, a redelivery inside the batch changes nothing, and a
 * transient failure that rolls a batch back ends with every event handled once.
 * <p>
 * A service's test extends this class, is a {@code @SpringBootTest} with a random port
 * and {@link WithTestInfrastructure}, and says what its effect of one order looks like.
 * The transient failure is real: the test holds a lock on {@code messaging.inbox}, so the
 * handler's transaction runs into its lock timeout until the lock is released (an
 * infrastructure failure, retried without limit). The failure that ends in the
 * dead-letter topic is a trigger that refuses one event, as a bug would.
 */
@ConsumerServiceTest
public abstract class ConsumerContractTests {

	protected static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected DataSource dataSource;

	@Autowired
	protected TestInfrastructure infrastructure;

	@Autowired
	protected MeterRegistry meters;

	@Autowired
	protected ApplicationContext context;

	@LocalServerPort
	protected int port;

	@Autowired
	protected EventPublisher publisher;

	@Autowired
	private TopicReaders topics;

	private TopicReader deadLetters;

	/** The consumer group under test, e.g. {@code inventory}. */
	protected abstract String group();

	/**
	 * The service's lasting effect of one order, as comparable text; empty when there is
	 * none. It must not change by itself once the event was handled.
	 */
	protected abstract String effect(UUID orderId);

	/**
	 * A valid {@code OrderPlaced} for a new order; services may adjust it (e.g. to SKUs
	 * in stock).
	 */
	protected ObjectNode orderPlaced(UUID orderId) {
		return EventPublisher.golden(EventTypes.ORDER_PLACED_V1, orderId);
	}

	@BeforeEach
	void readDeadLetters() {
		// closed by the test infrastructure after each test
		this.deadLetters = this.topics.open(deadLetterTopic());
	}

	@Test
	void handlesOrderPlaced() {
		UUID orderId = UUID.randomUUID();
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(), orderPlaced(orderId));
		awaitEffect(orderId);
	}

	@Test
	void redeliveredEventChangesNothing() {
		UUID orderId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		ObjectNode event = orderPlaced(orderId);
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, eventId, event);
		String first = awaitEffect(orderId);
		double duplicates = count("eventshop.consumer.duplicates");

		this.publisher.publish(EventTypes.ORDER_PLACED_V1, eventId, event);
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, eventId, event);
		await().atMost(TIMEOUT).until(() -> count("eventshop.consumer.duplicates") >= duplicates + 2);

		assertThat(effect(orderId)).isEqualTo(first);
		assertThat(inboxRows(eventId)).isEqualTo(1);
	}

	@Test
	void poisonRecordsAreDeadLetteredAndTheNextRecordOfThePartitionIsStillHandled() {
		UUID orderId = UUID.randomUUID();
		String key = orderId.toString();
		String type = EventTypes.ORDER_PLACED_V1.name();
		byte[] notJson = "\u0000not json{".getBytes(StandardCharsets.UTF_8);
		this.publisher.publish(Topics.ORDERS, key, type, UUID.randomUUID(), notJson);
		ObjectNode wrongShape = orderPlaced(orderId);
		wrongShape.put("lines", "three mugs");
		this.publisher.publish(Topics.ORDERS, key, type, UUID.randomUUID(), EventPublisher.bytes(wrongShape));
		this.publisher.publish(Topics.ORDERS, key, "shop.order.placed.v99", UUID.randomUUID(),
				EventPublisher.bytes(orderPlaced(orderId)));
		this.publisher.publish(Topics.ORDERS, key, type, null, EventPublisher.bytes(orderPlaced(orderId)));
		// A type no contract describes: written by a newer or a broken producer, parked
		// for a replay after an upgrade.
		this.publisher.publish(Topics.ORDERS, key, "shop.order.gift-wrapped.v1", UUID.randomUUID(),
				"{\"orderId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
		// A known type this group does not handle is skipped, not dead-lettered (tolerant
		// reader).
		this.publisher.publish(Topics.ORDERS, key, unhandledType().name(), UUID.randomUUID(),
				"{\"orderId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(), orderPlaced(orderId));

		awaitEffect(orderId);
		List<ConsumerRecord<String, byte[]>> dead = this.deadLetters.awaitRecords(TIMEOUT,
				(records) -> this.deadLetters.withKey(key).size() >= 5);
		List<ConsumerRecord<String, byte[]>> ours = dead.stream().filter((r) -> key.equals(r.key())).toList();
		assertThat(ours).hasSize(5);
		assertThat(ours).extracting((r) -> TopicReader.header(r, "eventshop_dlt_reason"))
			.containsExactly("UNREADABLE", "INVALID", "UNKNOWN_VERSION", "MISSING_HEADER", "UNKNOWN_TYPE");
		assertThat(ours.getFirst().value()).as("the bad bytes are parked unchanged").isEqualTo(notJson);
		for (ConsumerRecord<String, byte[]> record : ours) {
			assertThat(TopicReader.header(record, "kafka_dlt-original-topic")).isEqualTo(Topics.ORDERS);
			assertThat(TopicReader.header(record, "kafka_dlt-exception-fqcn")).isNotBlank();
			assertThat(TopicReader.header(record, "kafka_dlt-exception-message")).isNotBlank();
			assertThat(TopicReader.header(record, "ce_type")).as("original headers are kept").isNotBlank();
			assertThat(TopicReader.header(record, "kafka_dlt-original-consumer-group")).isEqualTo(group());
		}
	}

	@Test
	void aNewerWriterAndAnOlderWriterAreHandledLikeTheCurrentOne() {
		UUID current = UUID.randomUUID();
		UUID newer = UUID.randomUUID();
		UUID older = UUID.randomUUID();
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(), withLine2(orderPlaced(current)));
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(),
				newerWriter(withLine2(orderPlaced(newer))));
		ObjectNode olderEvent = orderPlaced(older);
		((ObjectNode) olderEvent.get("shippingAddress")).remove("line2");
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(), olderEvent);

		String expected = normalized(awaitEffect(current), current);
		assertThat(normalized(awaitEffect(newer), newer)).as("a newer writer's event, handled unchanged")
			.isEqualTo(expected);
		assertThat(normalized(awaitEffect(older), older)).as("an older writer's event, without line2")
			.isEqualTo(expected);
		Set<String> keys = Set.of(current.toString(), newer.toString(), older.toString());
		assertThat(everyDeadLetter()).noneMatch((r) -> keys.contains(r.key()));
	}

	@Test
	void theV2PublishedBesideV1IsSkippedAndTheOrderHandledOnce() {
		assumeGroupHandlesOnlyV1();
		UUID orderId = UUID.randomUUID();
		UUID v1 = UUID.randomUUID();
		UUID v2 = UUID.randomUUID();
		double ignored = count("eventshop.consumer.ignored");
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, v1, orderPlaced(orderId));
		this.publisher.publish(EventTypes.ORDER_PLACED_V2, v2,
				EventPublisher.golden(EventTypes.ORDER_PLACED_V2, orderId));
		String handled = awaitEffect(orderId);
		await().atMost(TIMEOUT).until(() -> count("eventshop.consumer.ignored") > ignored);

		assertThat(effect(orderId)).isEqualTo(handled);
		assertThat(inboxRows(v1)).isEqualTo(1);
		assertThat(inboxRows(v2)).as("the v2 is not handled by a v1 consumer").isZero();
		assertThat(everyDeadLetter()).as("the v2 is skipped, not dead-lettered")
			.noneMatch((r) -> orderId.toString().equals(r.key()));
	}

	@Test
	void aBurstWithPoisonInItIsHandledOnceEachAndOnlyThePoisonIsDeadLettered() {
		List<UUID> orders = new ArrayList<>();
		List<UUID> events = new ArrayList<>();
		List<String> poisonKeys = new ArrayList<>();
		whilePaused(() -> {
			for (int i = 0; i < 40; i++) {
				if (i == 13 || i == 29) {
					String key = UUID.randomUUID().toString();
					poisonKeys.add(key);
					this.publisher.publish(Topics.ORDERS, key, EventTypes.ORDER_PLACED_V1.name(), UUID.randomUUID(),
							"{\"broken\":".getBytes(StandardCharsets.UTF_8));
				}
				UUID orderId = UUID.randomUUID();
				UUID eventId = UUID.randomUUID();
				orders.add(orderId);
				events.add(eventId);
				this.publisher.publish(EventTypes.ORDER_PLACED_V1, eventId, orderPlaced(orderId));
			}
			// Two of them twice: a redelivery inside the same batch.
			this.publisher.publish(EventTypes.ORDER_PLACED_V1, events.get(3), orderPlaced(orders.get(3)));
			this.publisher.publish(EventTypes.ORDER_PLACED_V1, events.get(31), orderPlaced(orders.get(31)));
		});

		orders.forEach(this::awaitEffect);
		List<ConsumerRecord<String, byte[]>> dead = this.deadLetters.awaitRecords(TIMEOUT,
				(records) -> keys(records).containsAll(poisonKeys));
		assertThat(dead).filteredOn((r) -> poisonKeys.contains(r.key()))
			.hasSize(2)
			.allMatch((r) -> "UNREADABLE".equals(TopicReader.header(r, "eventshop_dlt_reason")));
		assertThat(events).allMatch((eventId) -> inboxRows(eventId) == 1);
	}

	@Test
	void aBurstThatMeetsATransientFailureIsRetriedAndHandledOnceEach() throws SQLException {
		List<UUID> orders = new ArrayList<>();
		List<UUID> events = new ArrayList<>();
		double failures = count("eventshop.consumer.failures");
		try (Connection lock = lockInbox()) {
			whilePaused(() -> {
				for (int i = 0; i < 25; i++) {
					UUID orderId = UUID.randomUUID();
					UUID eventId = UUID.randomUUID();
					orders.add(orderId);
					events.add(eventId);
					this.publisher.publish(EventTypes.ORDER_PLACED_V1, eventId, orderPlaced(orderId));
				}
			});
			await().atMost(TIMEOUT).until(() -> count("eventshop.consumer.failures") >= failures + 2);
			assertThat(orders).allMatch((orderId) -> effect(orderId).isEmpty());
			lock.rollback();
		}
		orders.forEach(this::awaitEffect);
		assertThat(events).allMatch((eventId) -> inboxRows(eventId) == 1);
		Set<String> keys = orders.stream().map(UUID::toString).collect(Collectors.toSet());
		assertThat(this.deadLetters.poll()).noneMatch((r) -> keys.contains(r.key()));
	}

	@Test
	void transientFailureIsRetriedAndHandledNotDeadLettered() throws SQLException {
		UUID orderId = UUID.randomUUID();
		double failures = count("eventshop.consumer.failures");
		try (Connection lock = lockInbox()) {
			this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(), orderPlaced(orderId));
			await().atMost(TIMEOUT).until(() -> count("eventshop.consumer.failures") >= failures + 2);
			assertThat(effect(orderId)).isEmpty();
			lock.rollback();
		}
		awaitEffect(orderId);
		assertThat(this.deadLetters.poll()).noneMatch((r) -> orderId.toString().equals(r.key()));
	}

	@Test
	@SuppressWarnings("try") // the refusal is the point: it holds while the handle is
								// open
	void replayAfterTheFixHandlesTheEventOnceAndOnlyForThisGroup() throws Exception {
		UUID orderId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		String key = orderId.toString();
		try (AutoCloseable bug = failInboxInsertsOf(eventId)) {
			this.publisher.publish(EventTypes.ORDER_PLACED_V1, eventId, orderPlaced(orderId));
			this.deadLetters.awaitRecords(TIMEOUT, (records) -> !this.deadLetters.withKey(key).isEmpty());
		}
		ConsumerRecord<String, byte[]> dead = this.deadLetters.withKey(key).getFirst();
		assertThat(TopicReader.header(dead, "eventshop_dlt_reason")).isEqualTo("RETRIES_EXHAUSTED");
		assertThat(effect(orderId)).isEmpty();

		try (TopicReader main = new TopicReader(this.infrastructure.kafkaBootstrapServers(), Topics.ORDERS);
				TopicReader replays = new TopicReader(this.infrastructure.kafkaBootstrapServers(),
						Topics.ORDERS + "." + group() + ".retry")) {
			long mainRecords = main.endOffsetSum();
			String selection = "{\"records\":[{\"topic\":\"%s\",\"partition\":%d,\"offset\":%d}]}"
				.formatted(dead.topic(), dead.partition(), dead.offset());

			HttpResponse<String> replayed = admin("POST", "/api/admin/dead-letters/replay", selection);
			assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
			String handled = awaitEffect(orderId);
			double duplicates = count("eventshop.consumer.duplicates");
			assertThat(admin("POST", "/api/admin/dead-letters/replay", selection).statusCode()).isEqualTo(200);
			await().atMost(TIMEOUT).until(() -> count("eventshop.consumer.duplicates") > duplicates);

			assertThat(effect(orderId)).isEqualTo(handled);
			assertThat(inboxRows(eventId)).isEqualTo(1);
			assertThat(replays.awaitRecords(TIMEOUT, (records) -> replays.withKey(key).size() == 2)).isNotEmpty();
			assertThat(main.endOffsetSum()).as("a replay never goes back to the shared topic").isEqualTo(mainRecords);
		}
		HttpResponse<String> listing = admin("GET", "/api/admin/dead-letters?status=REPLAYED", null);
		assertThat(listing.body()).contains(key).contains("RETRIES_EXHAUSTED");
		assertThat(admin("GET", "/api/admin/dead-letters/actions", null).body()).contains("REPLAYED")
			.contains(TestTokens.OPERATOR);
	}

	@Test
	void deadLetterEndpointsNeedAnOperatorToken() throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> anonymous = http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/admin/dead-letters"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(anonymous.statusCode()).isEqualTo(401);
			HttpResponse<String> wrong = http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/api/admin/dead-letters/replay"))
				.header("Authorization", TestTokens.bearer(TestTokens.signedByAnotherKey()))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"all\":true}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(wrong.statusCode()).isEqualTo(401);
			HttpResponse<String> customer = http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/api/admin/dead-letters/replay"))
				.header("Authorization", TestTokens.bearer(TestTokens.customerA()))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"all\":true}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(customer.statusCode()).isEqualTo(403);
		}
		assertThat(admin("GET", "/api/admin/dead-letters", null).statusCode()).isEqualTo(200);
	}

	/**
	 * Publishes while the service's listeners are stopped, so that what was published
	 * arrives together, in batches, once they start again.
	 */
	protected void whilePaused(Runnable publish) {
		Lifecycle listeners = this.context.getBean("listenerContainers", Lifecycle.class);
		listeners.stop();
		try {
			publish.run();
		}
		finally {
			listeners.start();
		}
	}

	/** Waits until the order has an effect, and returns it. */
	protected String awaitEffect(UUID orderId) {
		await().atMost(TIMEOUT).until(() -> !effect(orderId).isEmpty());
		return effect(orderId);
	}

	protected String deadLetterTopic() {
		return Topics.deadLetter(Topics.ORDERS, group());
	}

	protected double count(String counter) {
		Counter found = this.meters.find(counter).tag("group", group()).counter();
		return (found != null) ? found.count() : 0;
	}

	protected long inboxRows(UUID eventId) {
		return this.jdbc.sql("select count(*) from messaging.inbox where consumer = ? and event_id = ?")
			.params(group(), eventId)
			.query(Long.class)
			.single();
	}

	/**
	 * Holds a lock that blocks inbox inserts until the returned connection rolls back.
	 */
	protected Connection lockInbox() throws SQLException {
		Connection connection = this.dataSource.getConnection();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("lock table messaging.inbox in share mode");
		}
		return connection;
	}

	/**
	 * Makes the handling of one event fail as a bug would (an error of the data, not of
	 * the database: it is retried a bounded number of times, then dead-lettered) until
	 * the returned handle is closed. A lock timeout would not do: it is an infrastructure
	 * failure, retried without limit.
	 */
	protected AutoCloseable failInboxInsertsOf(UUID eventId) throws SQLException {
		String name = "refuse_" + eventId.toString().replace("-", "");
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("""
					create function messaging.%1$s() returns trigger language plpgsql as $$
					begin
					  if new.event_id = '%2$s' then
					    raise exception 'the test refuses event %2$s';
					  end if;
					  return new;
					end $$""".formatted(name, eventId));
			statement.execute(
					"create trigger %1$s before insert on messaging.inbox for each row execute function messaging.%1$s()"
						.formatted(name));
		}
		return () -> {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("drop trigger %1$s on messaging.inbox".formatted(name));
				statement.execute("drop function messaging.%1$s()".formatted(name));
			}
		};
	}

	protected HttpResponse<String> admin(String method, String path, String body) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Authorization", TestTokens.bearer(TestTokens.operator()));
			if (body != null) {
				request.header("Content-Type", "application/json")
					.method(method, HttpRequest.BodyPublishers.ofString(body));
			}
			else {
				request.method(method, HttpRequest.BodyPublishers.noBody());
			}
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	/**
	 * What a later revision of v1 might write: properties this build has never heard of,
	 * at the top and inside every nested object. The schema allows them; a reader ignores
	 * them.
	 */
	protected static ObjectNode newerWriter(ObjectNode event) {
		event.put("channel", "mobile-app");
		event.putObject("loyalty").put("tier", "gold").put("points", 1200);
		((ObjectNode) event.get("customer")).put("preferredLanguage", "en-GB");
		((ObjectNode) event.get("shippingAddress")).put("deliveryNotes", "Leave with the porter");
		event.get("lines").forEach((line) -> ((ObjectNode) line).put("giftWrap", true));
		return event;
	}

	private static ObjectNode withLine2(ObjectNode event) {
		((ObjectNode) event.get("shippingAddress")).put("line2", "Flat 3");
		return event;
	}

	/** An effect with its order id taken out, to compare the effects of two orders. */
	private static String normalized(String effect, UUID orderId) {
		return effect.replace(orderId.toString(), "<order>");
	}

	/** A type of {@code shop.orders.v1} that this group does not handle. */
	private EventType<?> unhandledType() {
		List<EventType<?>> handled = ConsumerGroups.byName(group()).map(ConsumerGroup::types).orElse(List.of());
		return EventTypes.all()
			.stream()
			.filter((type) -> type.topic().equals(Topics.ORDERS) && !handled.contains(type))
			.findFirst()
			.orElseThrow();
	}

	private void assumeGroupHandlesOnlyV1() {
		List<EventType<?>> handled = ConsumerGroups.byName(group()).map(ConsumerGroup::types).orElse(List.of());
		assertThat(handled).as("a group that moved to v2 needs its own side-by-side test")
			.contains(EventTypes.ORDER_PLACED_V1)
			.doesNotContain(EventTypes.ORDER_PLACED_V2);
	}

	/** Every record of the group's dead-letter topic so far, read to its end. */
	protected List<ConsumerRecord<String, byte[]>> everyDeadLetter() {
		long end = this.deadLetters.endOffsetSum();
		return this.deadLetters.awaitRecords(TIMEOUT, (records) -> records.size() >= end);
	}

	/** Keys of records, for assertions on which orders a topic holds. */
	protected static Set<String> keys(List<ConsumerRecord<String, byte[]>> records) {
		return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
	}

}
