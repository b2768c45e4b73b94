package com.eventshop.analytics.facts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.eventshop.analytics.rebuild.ProjectionRebuild;
import com.eventshop.analytics.rebuild.RebuildStatus;
import com.eventshop.testsupport.EventPublisher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.eventshop.analytics.facts.PlacedOrders.line;
import static com.eventshop.analytics.facts.PlacedOrders.order;
import static com.eventshop.analytics.facts.PlacedOrders.outcome;
import static com.eventshop.events.EventTypes.ORDER_CANCELLED_V1;
import static com.eventshop.events.EventTypes.ORDER_CONFIRMED_V1;
import static com.eventshop.events.EventTypes.ORDER_PLACED_V1;
import static com.eventshop.events.EventTypes.ORDER_REJECTED_V1;
import static com.eventshop.events.EventTypes.ORDER_SHIPPED_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding the projection from the history
 * ({@code POST /api/admin/projections/rebuild}): with the live rules the rebuilt figures
 * are the live ones, redeliveries and repeated announcements included; with a changed
 * rule they are the new rule's, for past orders too. Each test uses its own day of March
 * 2033; a rebuild replays every event the context's broker holds.
 */
@AnalyticsServiceTest
class ProjectionRebuildTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventPublisher publisher;

	@Autowired
	ProjectionRebuild rebuild;

	@Autowired
	OrderOutcomes outcomes;

	@Autowired
	Clock clock;

	AnalyticsApi api;

	PlacedOrders orders;

	@BeforeEach
	void setUp() {
		this.api = new AnalyticsApi(this.port);
		this.orders = new PlacedOrders(this.publisher, this.jdbc);
	}

	@Test
	void rebuiltFiguresEqualTheLiveOnesForTheSameEvents() {
		// an event the live group dead-letters (a price in tenths of a cent): the rebuild
		// skips it as well instead of failing on it
		this.orders.publish(order("2033-03-01T09:59:00Z", "EUR", line("MUG-001", 1, "4.505")));
		List<UUID> events = new ArrayList<>();
		List<ObjectNode> placed = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			ObjectNode order = order("2033-03-01T10:%02d:00Z".formatted(i), (i % 2 == 0) ? "EUR" : "USD",
					line("MUG-001", 1 + i, "4.50"), line("TEE-00" + i, 1, "19.99"));
			placed.add(order);
			UUID placedId = this.orders.publish(order);
			events.add(placedId);
			// a redelivery and a repeated announcement, which must not count twice
			this.orders.publish(placedId, order);
			events.add(this.orders.publish(ORDER_PLACED_V1, order));
		}
		events.add(this.orders.publish(ORDER_CONFIRMED_V1,
				outcome(ORDER_CONFIRMED_V1, placed.get(0), "2033-03-01T10:30:00Z")));
		events.add(this.orders.publish(ORDER_CONFIRMED_V1,
				outcome(ORDER_CONFIRMED_V1, placed.get(1), "2033-03-01T10:31:00Z")));
		events.add(this.orders.publish(ORDER_SHIPPED_V1,
				outcome(ORDER_SHIPPED_V1, placed.get(1), "2033-03-01T12:00:00Z")));
		events.add(this.orders.publish(ORDER_REJECTED_V1,
				outcome(ORDER_REJECTED_V1, placed.get(2), "2033-03-01T10:32:00Z")));
		events.add(this.orders.publish(ORDER_CONFIRMED_V1,
				outcome(ORDER_CONFIRMED_V1, placed.get(3), "2033-03-01T10:33:00Z")));
		events.add(this.orders.publish(ORDER_CANCELLED_V1,
				outcome(ORDER_CANCELLED_V1, placed.get(3), "2033-03-01T11:00:00Z")));
		this.orders.awaitHandled(events.toArray(UUID[]::new));
		JsonNode summary = this.api.summary("2033-03-01T00:00:00Z", "2033-03-02T00:00:00Z");
		JsonNode series = this.api.timeseries("bucket=hour&from=2033-03-01T00:00:00Z&to=2033-03-02T00:00:00Z");
		assertThat(summary.get("placedOrders").asLong()).isEqualTo(6);

		// another class's rebuild may be running (409): this one must start after the
		// events
		await().atMost(Duration.ofMinutes(3)).until(() -> {
			AnalyticsApi.Response started = this.api.post("/api/admin/projections/rebuild");
			assertThat(started.status()).as("%s", started).isIn(202, 409);
			return started.status() == 202;
		});
		RebuildStatus done = awaitRebuilt();
		assertThat(done.historySize()).isGreaterThanOrEqualTo(events.size());
		assertThat(done.eventsApplied()).isGreaterThanOrEqualTo(events.size() - 6);
		assertThat(done.eventsPerSecond()).isPositive();
		assertThat(this.api.summary("2033-03-01T00:00:00Z", "2033-03-02T00:00:00Z")).isEqualTo(summary);
		assertThat(this.api.timeseries("bucket=hour&from=2033-03-01T00:00:00Z&to=2033-03-02T00:00:00Z"))
			.isEqualTo(series);
		JsonNode listed = this.api.ok("/api/admin/projections/rebuild").get("rebuilds").get(0);
		assertThat(listed.get("state").asString()).isEqualTo("SWAPPED");
		// the console and the benchmark read its times as ISO-8601 text
		List<JsonNode> runs = new ArrayList<>();
		this.api.ok("/api/admin/projections/rebuild").get("rebuilds").forEach(runs::add);
		JsonNode run = runs.stream().filter((each) -> each.get("id").asLong() == done.id()).findFirst().orElseThrow();
		assertThat(Instant.parse(run.get("startedAt").asString())).isEqualTo(done.startedAt());
		assertThat(Instant.parse(run.get("finishedAt").asString())).isEqualTo(done.finishedAt());
		assertThat(this.jdbc.sql("select count(*) from pg_namespace where nspname like 'analytics\\_%'")
			.query(Long.class)
			.single()).as("shadow and retired schemas are gone").isZero();
	}

	@Test
	void aChangedRuleGivesTheNewFiguresForThePast() {
		ObjectNode kept = order("2033-03-02T09:00:00Z", "EUR", line("MUG-001", 2, "4.50"));
		ObjectNode excluded = order("2033-03-02T09:05:00Z", "EUR", line("QA-PROBE", 1, "100.00"));
		List<UUID> events = new ArrayList<>(List.of(this.orders.publish(kept), this.orders.publish(excluded)));
		events.add(this.orders.publish(ORDER_CONFIRMED_V1, outcome(ORDER_CONFIRMED_V1, kept, "2033-03-02T09:10:00Z")));
		events.add(
				this.orders.publish(ORDER_CONFIRMED_V1, outcome(ORDER_CONFIRMED_V1, excluded, "2033-03-02T09:10:00Z")));
		this.orders.awaitHandled(events.toArray(UUID[]::new));
		JsonNode before = this.api.summary("2033-03-02T00:00:00Z", "2033-03-03T00:00:00Z");
		assertThat(before.get("placedOrders").asLong()).isEqualTo(2);
		assertThat(before.get("currencies").get(0).get("revenue").asString()).isEqualTo("109.00");

		AnalyticsProjection changed = new AnalyticsProjection(
				new ExcludingTestOrders(this.jdbc, this.clock, "QA-PROBE"), this.outcomes);
		await().atMost(Duration.ofMinutes(3)).until(() -> tryStart(changed));
		awaitRebuilt();

		JsonNode after = this.api.summary("2033-03-02T00:00:00Z", "2033-03-03T00:00:00Z");
		assertThat(after.get("placedOrders").asLong()).isEqualTo(1);
		assertThat(after.get("currencies").get(0).get("revenue").asString()).isEqualTo("9.00");
		assertThat(after.get("topSkus").toString()).doesNotContain("QA-PROBE");
	}

	/** Starts a rebuild unless one is running (another test's). */
	private boolean tryStart(AnalyticsProjection rules) {
		try {
			this.rebuild.start(rules);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private RebuildStatus awaitRebuilt() {
		await().atMost(Duration.ofMinutes(3))
			.until(() -> !this.rebuild.latest().orElseThrow().state().equals("RUNNING"));
		RebuildStatus done = this.rebuild.latest().orElseThrow();
		assertThat(done.state()).as("%s", done).isEqualTo("SWAPPED");
		return done;
	}

}
