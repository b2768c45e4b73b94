package com.eventshop.analytics.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.testsupport.EventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.eventshop.analytics.facts.AnalyticsApi.json;
import static com.eventshop.analytics.facts.PlacedOrders.line;
import static com.eventshop.analytics.facts.PlacedOrders.order;
import static com.eventshop.analytics.facts.PlacedOrders.outcome;
import static com.eventshop.events.EventTypes.ORDER_CANCELLED_V1;
import static com.eventshop.events.EventTypes.ORDER_CONFIRMED_V1;
import static com.eventshop.events.EventTypes.ORDER_REJECTED_V1;
import static com.eventshop.events.EventTypes.ORDER_SHIPPED_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What became of the orders of a window, as the summary shows it: outcome counts, the
 * rejection rate and the times to confirm and to ship, exact despite redeliveries and
 * repeated announcements, and whatever order the events arrive in. Each test uses its own
 * day of September 2031.
 */
@AnalyticsServiceTest
class OutcomesTests {

	private static final String NO_DURATIONS = """
			{"count": 0, "p50Ms": null, "p95Ms": null, "maxMs": null}""";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventPublisher publisher;

	@Autowired
	MeterRegistry meters;

	AnalyticsApi api;

	PlacedOrders orders;

	/** Events published by the test, to wait for. */
	final List<UUID> published = new ArrayList<>();

	/** How many of them were redeliveries, which the consumer counts as duplicates. */
	int redeliveries;

	@BeforeEach
	void setUp() {
		this.api = new AnalyticsApi(this.port);
		this.orders = new PlacedOrders(this.publisher, this.jdbc);
	}

	@Test
	void eachOrderCountsOnceInItsLatestStateDespiteRedeliveries() {
		double duplicates = duplicates();
		List<ObjectNode> placed = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			ObjectNode order = order("2031-09-10T10:%02d:00Z".formatted(i), "EUR", line("MUG-001", 1, "1.00"));
			placed.add(order);
			announce(EventTypes.ORDER_PLACED_V1, order);
		}
		// 0-5 confirmed, of which 0-2 shipped and 3 cancelled; 6-8 rejected; 9 pending;
		// 10 cancelled while pending, so never decided
		for (ObjectNode order : placed.subList(0, 6)) {
			announce(ORDER_CONFIRMED_V1, outcome(ORDER_CONFIRMED_V1, order, "2031-09-10T11:00:00Z"));
		}
		for (ObjectNode order : placed.subList(0, 3)) {
			announce(ORDER_SHIPPED_V1, outcome(ORDER_SHIPPED_V1, order, "2031-09-10T12:00:00Z"));
		}
		announce(ORDER_CANCELLED_V1, outcome(ORDER_CANCELLED_V1, placed.get(3), "2031-09-10T11:30:00Z"));
		for (ObjectNode order : placed.subList(6, 9)) {
			announce(ORDER_REJECTED_V1, outcome(ORDER_REJECTED_V1, order, "2031-09-10T11:00:00Z"));
		}
		// The same rejection again under a new event id, as a producer repeating itself
		this.published.add(this.orders.publish(ORDER_REJECTED_V1,
				outcome(ORDER_REJECTED_V1, placed.get(6), "2031-09-10T11:05:00Z")));
		announce(ORDER_CANCELLED_V1,
				outcome(ORDER_CANCELLED_V1, placed.get(10), "2031-09-10T11:00:00Z").put("previousStatus", "PENDING"));
		awaitAllHandled(duplicates);

		JsonNode summary = this.api.summary("2031-09-10T00:00:00Z", "2031-09-11T00:00:00Z");

		assertThat(summary.get("placedOrders").asLong()).isEqualTo(11);
		assertThat(summary.get("outcomes")).isEqualTo(json("""
				{"pending": 1, "confirmed": 2, "rejected": 3, "shipped": 3, "cancelled": 2}"""));
		// Sold: 0-2 shipped and 4-5 confirmed. The rejected 6-8, the cancelled 3
		// and 10 and the pending 9 were placed but are no revenue.
		assertThat(summary.get("currencies")).isEqualTo(json("""
				[{"currency": "EUR", "placedOrders": 11, "placedValue": "11.00", "soldOrders": 5,
				  "revenue": "5.00", "averageOrderValue": "1.00"}]"""));
		assertThat(summary.get("topSkus")).isEqualTo(json("""
				[{"sku": "MUG-001", "currency": "EUR", "units": 5, "revenue": "5.00"}]"""));
		// 3 rejected of 9 decided (6 confirmed + 3 rejected; the one cancelled
		// while pending was never decided)
		assertThat(summary.get("rejectionRate").asString()).isEqualTo("0.3333");
		assertThat(summary.at("/timeToConfirm/count").asLong()).isEqualTo(6);
		assertThat(summary.at("/timeToShip/count").asLong()).isEqualTo(3);
	}

	@Test
	void timesToConfirmAndToShipArePercentilesOfTheTimeSincePlacement() {
		double duplicates = duplicates();
		int[] confirmAfterMillis = { 300, 100, 1000, 400, 200 };
		List<ObjectNode> placed = new ArrayList<>();
		for (int millis : confirmAfterMillis) {
			ObjectNode order = order("2031-09-11T10:00:00Z", "EUR", line("MUG-001", 1, "1.00"));
			placed.add(order);
			announce(EventTypes.ORDER_PLACED_V1, order);
			announce(ORDER_CONFIRMED_V1, outcome(ORDER_CONFIRMED_V1, order, at("2031-09-11T10:00:00Z", millis)));
		}
		announce(ORDER_SHIPPED_V1, outcome(ORDER_SHIPPED_V1, placed.get(0), "2031-09-11T10:01:00Z"));
		announce(ORDER_SHIPPED_V1, outcome(ORDER_SHIPPED_V1, placed.get(1), "2031-09-11T10:02:00Z"));
		// Announced again later under new event ids: the first times stand
		this.published.add(this.orders.publish(ORDER_CONFIRMED_V1,
				outcome(ORDER_CONFIRMED_V1, placed.get(2), "2031-09-11T10:30:00Z")));
		this.published.add(this.orders.publish(ORDER_SHIPPED_V1,
				outcome(ORDER_SHIPPED_V1, placed.get(0), "2031-09-11T11:00:00Z")));
		// A rejected order has no time to confirm
		ObjectNode rejected = order("2031-09-11T10:00:00Z", "EUR", line("MUG-001", 1, "1.00"));
		announce(EventTypes.ORDER_PLACED_V1, rejected);
		announce(ORDER_REJECTED_V1, outcome(ORDER_REJECTED_V1, rejected, "2031-09-11T10:00:05Z"));
		awaitAllHandled(duplicates);

		JsonNode summary = this.api.summary("2031-09-11T00:00:00Z", "2031-09-12T00:00:00Z");

		// 100, 200, 300, 400, 1000 ms: the 95th percentile lies 0.8 of the way
		// from 400 to 1000
		assertThat(summary.get("timeToConfirm")).isEqualTo(json("""
				{"count": 5, "p50Ms": 300, "p95Ms": 880, "maxMs": 1000}"""));
		// 60 and 120 s: the median halfway, the 95th percentile 0.95 of the way
		assertThat(summary.get("timeToShip")).isEqualTo(json("""
				{"count": 2, "p50Ms": 90000, "p95Ms": 117000, "maxMs": 120000}"""));
		assertThat(summary.get("rejectionRate").asString()).isEqualTo("0.1667");
	}

	@Test
	void outcomesThatArriveBeforeTheirOrderCountOnceTheOrderArrives() {
		double duplicates = duplicates();
		ObjectNode order = order("2031-09-12T10:00:00Z", "EUR", line("MUG-001", 1, "1.00"));
		announce(ORDER_CONFIRMED_V1, outcome(ORDER_CONFIRMED_V1, order, "2031-09-12T10:00:02Z"));
		announce(ORDER_SHIPPED_V1, outcome(ORDER_SHIPPED_V1, order, "2031-09-12T10:05:00Z"));
		awaitAllHandled(duplicates);
		String day = "from=2031-09-12T00:00:00Z&to=2031-09-13T00:00:00Z";

		JsonNode before = this.api.ok("/api/analytics/summary?" + day);
		announce(EventTypes.ORDER_PLACED_V1, order);
		awaitAllHandled(duplicates);
		JsonNode after = this.api.ok("/api/analytics/summary?" + day);

		assertThat(before.get("placedOrders").asLong()).isZero();
		assertThat(before.get("outcomes")).isEqualTo(json("""
				{"pending": 0, "confirmed": 0, "rejected": 0, "shipped": 0, "cancelled": 0}"""));
		assertThat(before.get("rejectionRate").asString()).isEqualTo("0.0000");
		assertThat(before.get("timeToConfirm")).isEqualTo(json(NO_DURATIONS));
		assertThat(before.get("timeToShip")).isEqualTo(json(NO_DURATIONS));
		assertThat(after.get("placedOrders").asLong()).isOne();
		assertThat(after.get("outcomes")).isEqualTo(json("""
				{"pending": 0, "confirmed": 0, "rejected": 0, "shipped": 1, "cancelled": 0}"""));
		assertThat(after.get("timeToConfirm")).isEqualTo(json("""
				{"count": 1, "p50Ms": 2000, "p95Ms": 2000, "maxMs": 2000}"""));
		assertThat(after.get("timeToShip")).isEqualTo(json("""
				{"count": 1, "p50Ms": 300000, "p95Ms": 300000, "maxMs": 300000}"""));
	}

	/** Publishes an event and then redelivers it under the same event id. */
	private void announce(EventType<?> type, ObjectNode event) {
		UUID eventId = this.orders.publish(type, event);
		this.orders.publish(type, eventId, event);
		this.published.add(eventId);
		this.redeliveries++;
	}

	/**
	 * Waits until every event published so far was handled and each redelivery was seen
	 * as a duplicate, so that none is still on its way when the summary is asked for.
	 */
	private void awaitAllHandled(double duplicatesBefore) {
		this.orders.awaitHandled(this.published.toArray(UUID[]::new));
		await().atMost(PlacedOrders.TIMEOUT).until(() -> duplicates() >= duplicatesBefore + this.redeliveries);
	}

	private double duplicates() {
		Counter counter = this.meters.find("eventshop.consumer.duplicates").tag("group", "analytics").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static String at(String instant, int plusMillis) {
		return Instant.parse(instant).plusMillis(plusMillis).toString();
	}

}
