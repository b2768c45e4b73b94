package com.eventshop.analytics.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.eventshop.events.Topics;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TopicReader;
import com.eventshop.testsupport.TopicReaders;
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
import static com.eventshop.analytics.facts.PlacedOrders.orderId;
import static com.eventshop.analytics.facts.PlacedOrders.outcome;
import static com.eventshop.events.EventTypes.ORDER_CANCELLED_V1;
import static com.eventshop.events.EventTypes.ORDER_CONFIRMED_V1;
import static com.eventshop.events.EventTypes.ORDER_REJECTED_V1;
import static com.eventshop.events.EventTypes.ORDER_SHIPPED_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders go in as events on the real broker, aggregates come out over HTTP, exact to the
 * cent. Each test places its orders on a day of 2031 that no other test uses and asks for
 * windows inside that day, so tests that share the database never see each other's
 * orders.
 */
@AnalyticsServiceTest
class AggregatesTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventPublisher publisher;

	@Autowired
	TopicReaders topics;

	@Autowired
	MeterRegistry meters;

	AnalyticsApi api;

	PlacedOrders orders;

	@BeforeEach
	void setUp() {
		this.api = new AnalyticsApi(this.port);
		this.orders = new PlacedOrders(this.publisher, this.jdbc);
	}

	@Test
	void summaryIsExactToTheCentDespiteRedeliveriesAndRepeatedAnnouncements() {
		ObjectNode a = order("2031-02-03T09:00:00Z", "EUR", line("PEN-010", 1, "0.10"));
		ObjectNode b = order("2031-02-03T10:00:00Z", "EUR", line("PEN-010", 2, "0.10"));
		ObjectNode c = order("2031-02-03T11:00:00Z", "EUR", line("PEN-010", 3, "0.10"), line("CLIP-020", 2, "0.20"));
		ObjectNode d = order("2031-02-03T12:00:00Z", "EUR", line("LAMP-900", 1, "1234567.09"),
				line("CLIP-020", 1, "0.20"), line("BAG-300", 1, "0.10"), line("CUP-400", 1, "0.10"),
				line("DESK-500", 1, "0.10"), line("ERASER-600", 1, "0.30"));
		assertThat(d.get("total").asString()).isEqualTo("1234567.89");
		double duplicates = duplicates();

		UUID eventA = this.orders.publish(a);
		UUID eventB = this.orders.publish(b);
		UUID eventC = this.orders.publish(c);
		UUID eventD = this.orders.publish(d);
		this.orders.publish(eventA, a);
		this.orders.publish(eventC, c);
		this.orders.publish(eventC, c);
		UUID eventD2 = this.orders.publish(d);
		this.orders.awaitHandled(eventA, eventB, eventC, eventD, eventD2);
		await().atMost(PlacedOrders.TIMEOUT).until(() -> duplicates() >= duplicates + 3);
		this.orders.decide(ORDER_CONFIRMED_V1, "2031-02-03T13:00:00Z", a, b, c, d);

		JsonNode summary = this.api.summary("2031-02-03T00:00:00Z", "2031-02-04T00:00:00Z");

		// 0.10 + 0.20 + 0.70 + 1234567.89; the average 308642.2225 rounds half-even.
		// Confirmed after 4, 3, 2 and 1 hours: p95 = 3 h + 0.85 * (4 h - 3 h)
		// interpolated.
		assertThat(summary).isEqualTo(json("""
				{"from": "2031-02-03T00:00:00Z", "to": "2031-02-04T00:00:00Z", "placedOrders": 4,
				 "currencies": [{"currency": "EUR", "placedOrders": 4, "placedValue": "1234568.89", "soldOrders": 4,
				                 "revenue": "1234568.89", "averageOrderValue": "308642.22"}],
				 "topSkus": [{"sku": "PEN-010", "currency": "EUR", "units": 6, "revenue": "0.60"},
				             {"sku": "CLIP-020", "currency": "EUR", "units": 3, "revenue": "0.60"},
				             {"sku": "BAG-300", "currency": "EUR", "units": 1, "revenue": "0.10"},
				             {"sku": "CUP-400", "currency": "EUR", "units": 1, "revenue": "0.10"},
				             {"sku": "DESK-500", "currency": "EUR", "units": 1, "revenue": "0.10"}],
				 "outcomes": {"pending": 0, "confirmed": 4, "rejected": 0, "shipped": 0, "cancelled": 0},
				 "rejectionRate": "0.0000",
				 "timeToConfirm": {"count": 4, "p50Ms": 9000000, "p95Ms": 13860000, "maxMs": 14400000},
				 "timeToShip": {"count": 0, "p50Ms": null, "p95Ms": null, "maxMs": null}}"""));
	}

	@Test
	void rejectedAndCancelledOrdersAreNotRevenue() {
		ObjectNode rejected = order("2031-08-09T10:00:00Z", "EUR", line("LMP-009", 50, "89.00"));
		ObjectNode cancelled = order("2031-08-09T10:01:00Z", "EUR", line("TEE-002", 3, "20.00"));
		ObjectNode cancelledWhilePending = order("2031-08-09T10:02:00Z", "EUR", line("CAP-003", 7, "15.00"));
		ObjectNode confirmed = order("2031-08-09T10:03:00Z", "EUR", line("MUG-001", 2, "12.50"));
		ObjectNode shipped = order("2031-08-09T10:04:00Z", "EUR", line("MUG-001", 1, "12.50"),
				line("TEE-002", 1, "20.00"));
		ObjectNode pending = order("2031-08-09T10:05:00Z", "EUR", line("BAG-004", 9, "30.00"));
		this.orders.awaitHandled(this.orders.publish(rejected), this.orders.publish(cancelled),
				this.orders.publish(cancelledWhilePending), this.orders.publish(confirmed),
				this.orders.publish(shipped), this.orders.publish(pending));
		this.orders.decide(ORDER_REJECTED_V1, "2031-08-09T10:10:00Z", rejected);
		this.orders.decide(ORDER_CONFIRMED_V1, "2031-08-09T10:10:00Z", cancelled, confirmed, shipped);
		this.orders.decide(ORDER_SHIPPED_V1, "2031-08-09T10:20:00Z", shipped);
		this.orders.decide(ORDER_CANCELLED_V1, "2031-08-09T10:30:00Z", cancelled);
		this.orders.awaitHandled(this.orders.publish(ORDER_CANCELLED_V1,
				outcome(ORDER_CANCELLED_V1, cancelledWhilePending, "2031-08-09T10:30:00Z").put("previousStatus",
						"PENDING")));

		JsonNode summary = this.api.summary("2031-08-09T00:00:00Z", "2031-08-10T00:00:00Z");

		// Placed: 4450.00 + 60.00 + 105.00 + 25.00 + 32.50 + 270.00; sold: 25.00 + 32.50
		assertThat(summary.get("placedOrders").asLong()).isEqualTo(6);
		assertThat(summary.get("currencies")).isEqualTo(json("""
				[{"currency": "EUR", "placedOrders": 6, "placedValue": "4942.50", "soldOrders": 2,
				  "revenue": "57.50", "averageOrderValue": "28.75"}]"""));
		assertThat(summary.get("topSkus")).isEqualTo(json("""
				[{"sku": "MUG-001", "currency": "EUR", "units": 3, "revenue": "37.50"},
				 {"sku": "TEE-002", "currency": "EUR", "units": 1, "revenue": "20.00"}]"""));
		String window = "bucket=hour&from=2031-08-09T10:00:00Z&to=2031-08-09T11:00:00Z";
		assertThat(this.api.timeseries(window).get("points")).isEqualTo(json("""
				[{"start": "2031-08-09T10:00:00Z", "currency": "EUR", "placedOrders": 6, "placedValue": "4942.50",
				  "soldOrders": 2, "revenue": "57.50"}]"""));
	}

	@Test
	void nothingSoldIsNoRevenueAndNoAverage() {
		ObjectNode rejected = order("2031-08-10T10:00:00Z", "EUR", line("LMP-009", 50, "89.00"));
		this.orders.awaitHandled(this.orders.publish(rejected));
		this.orders.decide(ORDER_REJECTED_V1, "2031-08-10T10:10:00Z", rejected);

		assertThat(this.api.summary("2031-08-10T00:00:00Z", "2031-08-11T00:00:00Z")).isEqualTo(json("""
				{"from": "2031-08-10T00:00:00Z", "to": "2031-08-11T00:00:00Z", "placedOrders": 1,
				 "currencies": [{"currency": "EUR", "placedOrders": 1, "placedValue": "4450.00", "soldOrders": 0,
				                 "revenue": "0.00", "averageOrderValue": null}],
				 "topSkus": [],
				 "outcomes": {"pending": 0, "confirmed": 0, "rejected": 1, "shipped": 0, "cancelled": 0},
				 "rejectionRate": "1.0000",
				 "timeToConfirm": {"count": 0, "p50Ms": null, "p95Ms": null, "maxMs": null},
				 "timeToShip": {"count": 0, "p50Ms": null, "p95Ms": null, "maxMs": null}}"""));
	}

	@Test
	void averageOrderValueRoundsHalfToEven() {
		ObjectNode[] placed = { order("2031-05-06T10:00:00Z", "EUR", line("PEN-010", 1, "0.01")),
				order("2031-05-06T10:00:00Z", "EUR", line("PEN-010", 1, "0.04")),
				order("2031-05-06T10:00:00Z", "GBP", line("PEN-010", 1, "0.03")),
				order("2031-05-06T10:00:00Z", "GBP", line("PEN-010", 1, "0.04")) };
		for (ObjectNode order : placed) {
			this.orders.awaitHandled(this.orders.publish(order));
		}
		this.orders.decide(ORDER_CONFIRMED_V1, "2031-05-06T11:00:00Z", placed);

		JsonNode currencies = this.api.summary("2031-05-06T00:00:00Z", "2031-05-07T00:00:00Z").get("currencies");

		// 0.025 rounds down to the even 2, 0.035 up to the even 4
		assertThat(currencies).isEqualTo(json("""
				[{"currency": "EUR", "placedOrders": 2, "placedValue": "0.05", "soldOrders": 2, "revenue": "0.05",
				  "averageOrderValue": "0.02"},
				 {"currency": "GBP", "placedOrders": 2, "placedValue": "0.07", "soldOrders": 2, "revenue": "0.07",
				  "averageOrderValue": "0.04"}]"""));
	}

	@Test
	void ordersArrivingOutOfOrderLandInTheBucketsOfWhenTheyWerePlaced() {
		ObjectNode late = order("2031-03-04T10:05:00Z", "EUR", line("MUG-001", 2, "1.25"));
		ObjectNode early = order("2031-03-04T10:01:30Z", "EUR", line("MUG-001", 1, "0.10"));
		this.orders.awaitHandled(this.orders.publish(late));
		this.orders.awaitHandled(this.orders.publish(early));
		assertThat(recordedAt(orderId(late))).as("the later order arrived first").isBefore(recordedAt(orderId(early)));
		this.orders.decide(ORDER_CONFIRMED_V1, "2031-03-04T10:30:00Z", early);

		String window = "from=2031-03-04T10:00:00Z&to=2031-03-04T11:00:00Z";
		assertThat(this.api.timeseries("bucket=minute&" + window).get("points")).isEqualTo(json("""
				[{"start": "2031-03-04T10:01:00Z", "currency": "EUR", "placedOrders": 1, "placedValue": "0.10",
				  "soldOrders": 1, "revenue": "0.10"},
				 {"start": "2031-03-04T10:05:00Z", "currency": "EUR", "placedOrders": 1, "placedValue": "2.50",
				  "soldOrders": 0, "revenue": "0.00"}]"""));
		assertThat(this.api.timeseries("bucket=hour&" + window)).isEqualTo(json("""
				{"bucket": "hour", "from": "2031-03-04T10:00:00Z", "to": "2031-03-04T11:00:00Z", "currency": null,
				 "points": [{"start": "2031-03-04T10:00:00Z", "currency": "EUR", "placedOrders": 2,
				             "placedValue": "2.60", "soldOrders": 1, "revenue": "0.10"}]}"""));
	}

	@Test
	void ordersInDifferentCurrenciesAreNeverSummedTogether() {
		ObjectNode[] placed = { order("2031-04-05T08:15:00Z", "EUR", line("MUG-001", 1, "10.00")),
				order("2031-04-05T08:20:00Z", "USD", line("MUG-001", 2, "10.00")),
				order("2031-04-05T08:25:00Z", "USD", line("TEE-002", 1, "5.00")) };
		for (ObjectNode order : placed) {
			this.orders.awaitHandled(this.orders.publish(order));
		}
		this.orders.decide(ORDER_CONFIRMED_V1, "2031-04-05T08:30:00Z", placed);
		String window = "from=2031-04-05T08:00:00Z&to=2031-04-05T09:00:00Z";

		assertThat(this.api.summary("2031-04-05T08:00:00Z", "2031-04-05T09:00:00Z")).isEqualTo(json("""
				{"from": "2031-04-05T08:00:00Z", "to": "2031-04-05T09:00:00Z", "placedOrders": 3,
				 "currencies": [{"currency": "EUR", "placedOrders": 1, "placedValue": "10.00", "soldOrders": 1,
				                 "revenue": "10.00", "averageOrderValue": "10.00"},
				                {"currency": "USD", "placedOrders": 2, "placedValue": "25.00", "soldOrders": 2,
				                 "revenue": "25.00", "averageOrderValue": "12.50"}],
				 "topSkus": [{"sku": "MUG-001", "currency": "USD", "units": 2, "revenue": "20.00"},
				             {"sku": "MUG-001", "currency": "EUR", "units": 1, "revenue": "10.00"},
				             {"sku": "TEE-002", "currency": "USD", "units": 1, "revenue": "5.00"}],
				 "outcomes": {"pending": 0, "confirmed": 3, "rejected": 0, "shipped": 0, "cancelled": 0},
				 "rejectionRate": "0.0000",
				 "timeToConfirm": {"count": 3, "p50Ms": 600000, "p95Ms": 870000, "maxMs": 900000},
				 "timeToShip": {"count": 0, "p50Ms": null, "p95Ms": null, "maxMs": null}}"""));
		assertThat(this.api.timeseries("bucket=hour&" + window).get("points")).isEqualTo(json("""
				[{"start": "2031-04-05T08:00:00Z", "currency": "EUR", "placedOrders": 1, "placedValue": "10.00",
				  "soldOrders": 1, "revenue": "10.00"},
				 {"start": "2031-04-05T08:00:00Z", "currency": "USD", "placedOrders": 2, "placedValue": "25.00",
				  "soldOrders": 2, "revenue": "25.00"}]"""));
		JsonNode usd = this.api.timeseries("bucket=hour&currency=USD&" + window);
		assertThat(usd.get("currency").asString()).isEqualTo("USD");
		assertThat(usd.get("points")).isEqualTo(json("""
				[{"start": "2031-04-05T08:00:00Z", "currency": "USD", "placedOrders": 2, "placedValue": "25.00",
				  "soldOrders": 2, "revenue": "25.00"}]"""));
	}

	@Test
	void aWindowIncludesItsStartAndExcludesItsEnd() {
		this.orders.awaitHandled(this.orders.publish(order("2031-06-07T12:00:00Z", "EUR", line("MUG-001", 1, "1.00"))),
				this.orders.publish(order("2031-06-07T13:00:00Z", "EUR", line("MUG-001", 1, "2.00"))));

		JsonNode summary = this.api.summary("2031-06-07T12:00:00Z", "2031-06-07T13:00:00Z");

		assertThat(summary.get("placedOrders").asLong()).isOne();
		assertThat(summary.at("/currencies/0/placedValue").asString()).isEqualTo("1.00");
	}

	@Test
	void withoutAWindowTheLast24HoursAreShown() {
		Instant before = Instant.now();

		JsonNode summary = this.api.ok("/api/analytics/summary");
		JsonNode series = this.api.ok("/api/analytics/timeseries");

		for (JsonNode window : new JsonNode[] { summary, series }) {
			Instant to = Instant.parse(window.get("to").asString());
			assertThat(to).isBetween(before.minusSeconds(1), Instant.now());
			assertThat(Instant.parse(window.get("from").asString())).isEqualTo(to.minus(Duration.ofHours(24)));
		}
		assertThat(series.get("bucket").asString()).isEqualTo("hour");
	}

	@Test
	void ordersWhoseAmountsWouldBeRoundedOrDoNotAddUpAreDeadLetteredNotCounted() {
		ObjectNode wrongTotal = order("2031-07-08T10:00:00Z", "EUR", line("MUG-001", 2, "4.50"));
		wrongTotal.put("total", "10.00");
		ObjectNode subCent = order("2031-07-08T11:00:00Z", "EUR", line("MUG-001", 1, "4.505"));
		String deadLetters = Topics.deadLetter(Topics.ORDERS, "analytics");
		TopicReader reader = this.topics.open(deadLetters);
		this.orders.publish(wrongTotal);
		this.orders.publish(subCent);

		reader.awaitRecords(PlacedOrders.TIMEOUT,
				(records) -> !reader.withKey(key(wrongTotal)).isEmpty() && !reader.withKey(key(subCent)).isEmpty());

		for (ObjectNode order : new ObjectNode[] { wrongTotal, subCent }) {
			assertThat(reader.withKey(key(order)))
				.extracting((record) -> TopicReader.header(record, "eventshop_dlt_reason"))
				.containsExactly("INVALID");
		}
		assertThat(this.api.summary("2031-07-08T00:00:00Z", "2031-07-09T00:00:00Z").get("placedOrders").asLong())
			.isZero();
	}

	private static String key(ObjectNode order) {
		return orderId(order).toString();
	}

	private Instant recordedAt(UUID orderId) {
		return this.jdbc.sql("select recorded_at from order_fact where order_id = ?")
			.param(orderId)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
	}

	private double duplicates() {
		Counter counter = this.meters.find("eventshop.consumer.duplicates").tag("group", "analytics").counter();
		return (counter != null) ? counter.count() : 0;
	}

}
