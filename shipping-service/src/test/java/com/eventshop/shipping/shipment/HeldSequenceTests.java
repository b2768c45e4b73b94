package com.eventshop.shipping.shipment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TestTokens;
import com.eventshop.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sequenced dead letters in the shipping service: when shipping dead-letters an event of
 * an order, the order's later events wait behind it instead of being handled without it,
 * and the operator's replay or park decides when and how they go on. Other orders are
 * never held up. The handler's failure is a trigger that refuses chosen events' inbox
 * rows, as a bug would; short retries keep the burst cheap.
 */
@TestPropertySource(properties = { "eventshop.messaging.consumer.retry.max-retries=1",
		"eventshop.messaging.consumer.retry.initial-interval=50ms" })
class HeldSequenceTests extends ShippingTestSupport {

	private static final Duration BURST_TIMEOUT = Duration.ofMinutes(3);

	private static final String DEAD_LETTERS = Topics.deadLetter(Topics.ORDERS, "shipping");

	@Autowired
	DataSource dataSource;

	TopicReader deadLetters;

	@BeforeEach
	void readDeadLetters() {
		this.deadLetters = this.topics.open(DEAD_LETTERS);
	}

	@Test
	@SuppressWarnings("try") // the refusal is the point: it holds while the handle is
								// open
	void aConfirmationWaitsBehindItsFailedPlacementAndTheReplayDispatchesTheShipment() throws Exception {
		UUID orderId = UUID.randomUUID();
		UUID placement = UUID.randomUUID();
		UUID confirmation;
		ConsumerRecord<String, byte[]> dead;
		try (AutoCloseable bug = refuse(Set.of(placement))) {
			this.publisher.publish(EventTypes.ORDER_PLACED_V1, placement,
					EventPublisher.golden(EventTypes.ORDER_PLACED_V1, orderId));
			dead = awaitDeadLetter(orderId);
			confirmation = publish(EventTypes.ORDER_CONFIRMED_V1, orderId);
			awaitHeld(confirmation);

			UUID other = placed();
			publish(EventTypes.ORDER_CONFIRMED_V1, other);
			awaitStatus(other, "DISPATCHED");
		}
		assertThat(status(orderId)).as("no shipment, and no confirmation handled without one").isEmpty();
		assertThat(unexpected(orderId)).isEmpty();
		JsonNode listed = deadLetter(dead);
		assertThat(listed.get("heldBehind").asInt()).isEqualTo(1);
		JsonNode held = admin("GET", "/api/admin/dead-letters/held?size=500", null);
		assertThat(held.get("content")
			.valueStream()
			.filter((event) -> event.get("key").asString().equals(orderId.toString()))
			.map((event) -> event.get("eventId").asString() + " " + event.get("status").asString() + " behind "
					+ event.get("behindEventId").asString())
			.toList()).containsExactly(confirmation + " HELD behind " + placement);

		admin("POST", "/api/admin/dead-letters/replay", selection(dead, null));

		awaitStatus(orderId, "DISPATCHED");
		assertThat(unexpected(orderId)).isEmpty();
		assertThat(heldEvents(orderId)).isZero();
		assertThat(heldKeys()).doesNotContain(orderId.toString());
		assertThat(dispatchedOutboxed(orderId)).isOne();
	}

	@Test
	@SuppressWarnings("try") // the refusal is the point: it holds while the handle is
								// open
	void parkingAFailedEventHandsItsOrderOnOrParksTheHeldEventsAsTheOperatorSays() throws Exception {
		UUID corrected = UUID.randomUUID();
		UUID abandoned = UUID.randomUUID();
		UUID correctedPlacement = UUID.randomUUID();
		ConsumerRecord<String, byte[]> deadOfCorrected;
		ConsumerRecord<String, byte[]> deadOfAbandoned;
		UUID confirmation;
		UUID cancellation;
		UUID firstPlacement = UUID.randomUUID();
		UUID abandonedPlacement = UUID.randomUUID();
		try (AutoCloseable bug = refuse(Set.of(firstPlacement, abandonedPlacement))) {
			this.publisher.publish(EventTypes.ORDER_PLACED_V1, firstPlacement,
					EventPublisher.golden(EventTypes.ORDER_PLACED_V1, corrected));
			this.publisher.publish(EventTypes.ORDER_PLACED_V1, abandonedPlacement,
					EventPublisher.golden(EventTypes.ORDER_PLACED_V1, abandoned));
			deadOfCorrected = awaitDeadLetter(corrected);
			deadOfAbandoned = awaitDeadLetter(abandoned);
			// A corrected placement under a new id, then the confirmation: both wait.
			this.publisher.publish(EventTypes.ORDER_PLACED_V1, correctedPlacement,
					EventPublisher.golden(EventTypes.ORDER_PLACED_V1, corrected));
			confirmation = publish(EventTypes.ORDER_CONFIRMED_V1, corrected);
			cancellation = publish(EventTypes.ORDER_CANCELLED_V1, abandoned);
			awaitHeld(confirmation);
			awaitHeld(correctedPlacement);
			awaitHeld(cancellation);
		}
		assertThat(adminStatus("POST", "/api/admin/dead-letters/park", selection(deadOfCorrected, null)))
			.as("events wait behind it: the operator must say what happens to them")
			.isEqualTo(400);
		assertThat(heldEvents(corrected)).isEqualTo(2);

		admin("POST", "/api/admin/dead-letters/park", selection(deadOfCorrected, "HANDLE"));
		admin("POST", "/api/admin/dead-letters/park", selection(deadOfAbandoned, "PARK"));

		awaitStatus(corrected, "DISPATCHED");
		assertThat(unexpected(corrected)).isEmpty();
		assertThat(heldEvents(corrected)).isZero();
		assertThat(heldKeys()).doesNotContain(corrected.toString(), abandoned.toString());
		assertThat(this.jdbc.sql("select parked_by from messaging.held_event where event_id = ?")
			.param(cancellation)
			.query(String.class)
			.single()).isEqualTo(TestTokens.OPERATOR);
		// Released: the abandoned order's next event is handled, not held.
		UUID later = publish(EventTypes.ORDER_CANCELLED_V1, abandoned);
		awaitHandled(later);
		assertThat(heldEvents(abandoned)).isZero();
	}

	@Test
	@SuppressWarnings("try") // the refusal is the point: it holds while the handle is
								// open
	void aBurstWithTwentyFailedOrdersHoldsExactlyTheirSequencesAndCompletesEveryOtherOrder() throws Exception {
		List<UUID> orders = new ArrayList<>();
		Set<UUID> failing = new HashSet<>();
		Set<UUID> failingPlacements = new HashSet<>();
		List<UUID> placements = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			UUID orderId = UUID.randomUUID();
			UUID placement = UUID.randomUUID();
			orders.add(orderId);
			placements.add(placement);
			if (i % 50 == 7) {
				failing.add(orderId);
				failingPlacements.add(placement);
			}
		}
		assertThat(failing).hasSize(20);
		Set<UUID> confirmationsOfFailing = new HashSet<>();
		try (AutoCloseable bug = refuse(failingPlacements)) {
			for (int i = 0; i < orders.size(); i++) {
				this.publisher.publish(EventTypes.ORDER_PLACED_V1, placements.get(i),
						EventPublisher.golden(EventTypes.ORDER_PLACED_V1, orders.get(i)));
			}
			for (UUID orderId : orders) {
				UUID confirmation = publish(EventTypes.ORDER_CONFIRMED_V1, orderId);
				if (failing.contains(orderId)) {
					confirmationsOfFailing.add(confirmation);
				}
			}
			await().atMost(BURST_TIMEOUT).until(() -> dispatched(orders) == 980 && heldEventIds(failing).size() == 20);

			assertThat(heldEventIds(failing)).isEqualTo(confirmationsOfFailing);
			assertThat(heldKeys()).containsAll(keys(failing));
			assertThat(heldKeys()).doesNotContainAnyElementsOf(
					keys(orders.stream().filter((orderId) -> !failing.contains(orderId)).toList()));
			assertThat(failing).allMatch((orderId) -> status(orderId).isEmpty() && unexpected(orderId).isEmpty());
			assertThat(orders.stream().filter((orderId) -> !failing.contains(orderId)))
				.allMatch((orderId) -> status(orderId).equals("DISPATCHED"));
		}

		admin("POST", "/api/admin/dead-letters/replay", "{\"all\":true}");

		await().atMost(BURST_TIMEOUT).until(() -> dispatched(orders) == 1000);
		assertThat(heldEventIds(failing)).isEmpty();
		assertThat(heldKeys()).doesNotContainAnyElementsOf(keys(orders));
		assertThat(failing).allMatch((orderId) -> unexpected(orderId).isEmpty() && dispatchedOutboxed(orderId) == 1);
	}

	private long dispatched(List<UUID> orders) {
		return this.jdbc.sql("select count(*) from shipment where status = 'DISPATCHED' and order_id = any(?)")
			.param(orders.toArray(UUID[]::new))
			.query(Long.class)
			.single();
	}

	private Set<UUID> heldEventIds(Set<UUID> orders) {
		return new HashSet<>(this.jdbc.sql("""
				select event_id from messaging.held_event
				where consumer = 'shipping' and parked_at is null and record_key = any(?)""")
			.param(keys(orders).toArray(String[]::new))
			.query(UUID.class)
			.list());
	}

	private static Set<String> keys(Collection<UUID> orders) {
		return orders.stream().map(UUID::toString).collect(Collectors.toSet());
	}

	private Set<String> heldKeys() {
		return new HashSet<>(this.jdbc.sql("select record_key from messaging.held_key where consumer = 'shipping'")
			.query(String.class)
			.list());
	}

	private long heldEvents(UUID orderId) {
		return this.jdbc.sql("select count(*) from messaging.held_event where record_key = ? and parked_at is null")
			.param(orderId.toString())
			.query(Long.class)
			.single();
	}

	private void awaitHeld(UUID eventId) {
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc.sql("select count(*) from messaging.held_event where event_id = ?")
				.param(eventId)
				.query(Long.class)
				.single() == 1);
	}

	private ConsumerRecord<String, byte[]> awaitDeadLetter(UUID orderId) {
		String key = orderId.toString();
		this.deadLetters.awaitRecords(TIMEOUT, (records) -> !this.deadLetters.withKey(key).isEmpty());
		return this.deadLetters.withKey(key).getFirst();
	}

	private JsonNode deadLetter(ConsumerRecord<String, byte[]> dead) throws Exception {
		JsonNode page = admin("GET", "/api/admin/dead-letters?size=500", null);
		return page.get("content")
			.valueStream()
			.filter((letter) -> letter.get("topic").asString().equals(dead.topic())
					&& letter.get("partition").asInt() == dead.partition()
					&& letter.get("offset").asLong() == dead.offset())
			.findFirst()
			.orElseThrow();
	}

	private static String selection(ConsumerRecord<String, byte[]> dead, String held) {
		String record = "{\"topic\":\"%s\",\"partition\":%d,\"offset\":%d}".formatted(dead.topic(), dead.partition(),
				dead.offset());
		return (held != null) ? "{\"records\":[%s],\"held\":\"%s\"}".formatted(record, held)
				: "{\"records\":[%s]}".formatted(record);
	}

	private JsonNode admin(String method, String path, String body) throws Exception {
		HttpResponse<String> response = send(method, path, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private int adminStatus(String method, String path, String body) throws Exception {
		return send(method, path, body).statusCode();
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
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
	 * Makes shipping fail these events as a bug would (retried, then dead-lettered) until
	 * the returned handle is closed: a trigger refuses their inbox rows.
	 */
	private AutoCloseable refuse(Set<UUID> eventIds) throws SQLException {
		String name = "refuse_" + UUID.randomUUID().toString().replace("-", "");
		String ids = eventIds.stream().map(UUID::toString).collect(Collectors.joining(","));
		try (var connection = this.dataSource.getConnection(); var statement = connection.createStatement()) {
			statement.execute("""
					create function messaging.%1$s() returns trigger language plpgsql as $$
					begin
					  if new.event_id = any('{%2$s}'::uuid[]) then
					    raise exception 'the test refuses event %%', new.event_id;
					  end if;
					  return new;
					end $$""".formatted(name, ids));
			statement.execute(
					"create trigger %1$s before insert on messaging.inbox for each row execute function messaging.%1$s()"
						.formatted(name));
		}
		return () -> {
			try (var connection = this.dataSource.getConnection(); var statement = connection.createStatement()) {
				statement.execute("drop trigger %1$s on messaging.inbox".formatted(name));
				statement.execute("drop function messaging.%1$s()".formatted(name));
			}
		};
	}

}
