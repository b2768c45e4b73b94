package com.eventshop.analytics.facts;

import java.util.stream.Stream;

import com.eventshop.analytics.facts.AnalyticsApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static com.eventshop.analytics.facts.AnalyticsApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Proves that the analytics API answers every query it cannot answer with a 400 RFC 9457
 * problem that names what is wrong, and that a time series is bounded in size.
 */
@AnalyticsServiceTest
class BadAnalyticsRequestsTests {

	private static final String SUMMARY = "/api/analytics/summary?";

	private static final String TIMESERIES = "/api/analytics/timeseries?";

	@LocalServerPort
	int port;

	AnalyticsApi api;

	@BeforeEach
	void setUp() {
		this.api = new AnalyticsApi(this.port);
	}

	@ParameterizedTest(name = "{argumentSetName}")
	@MethodSource("badQueries")
	void rejectsWithAValidationProblemNamingTheParameter(String pathAndQuery, String parameter) {
		JsonNode problem = assertProblem(this.api.get(pathAndQuery), 400, "validation");

		assertThat(problem.at("/errors/0/field").asString()).isEqualTo(parameter);
		assertThat(problem.at("/errors/0/message").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).contains("'" + parameter + "'");
	}

	static Stream<Arguments> badQueries() {
		return Stream.of(argumentSet("unknown bucket", TIMESERIES + "bucket=day", "bucket"),
				argumentSet("bucket in capitals", TIMESERIES + "bucket=HOUR", "bucket"),
				argumentSet("empty bucket", TIMESERIES + "bucket=", "bucket"),
				argumentSet("from equal to to", SUMMARY + "from=2031-01-01T00:00:00Z&to=2031-01-01T00:00:00Z", "from"),
				argumentSet("from after to", SUMMARY + "from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z", "from"),
				argumentSet("from after to in a time series",
						TIMESERIES + "bucket=minute&from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z", "from"),
				argumentSet("from in the future, to by default now", SUMMARY + "from=2999-01-01T00:00:00Z", "from"),
				argumentSet("unparseable from", SUMMARY + "from=yesterday", "from"),
				argumentSet("date without a time", SUMMARY + "to=2031-01-01", "to"),
				argumentSet("time without a zone", SUMMARY + "from=2031-01-01T10:00:00", "from"),
				argumentSet("day that does not exist", TIMESERIES + "to=2031-02-30T00:00:00Z", "to"),
				argumentSet("empty to", TIMESERIES + "to=", "to"),
				argumentSet("year after 9999", SUMMARY + "from=%2B10000-01-01T00:00:00Z", "from"),
				argumentSet("currency in lower case", TIMESERIES + "currency=eur", "currency"),
				argumentSet("currency of four letters", TIMESERIES + "currency=EURO", "currency"));
	}

	@Test
	void aTimeSeriesHoldsAtMostTenThousandBuckets() {
		String tenThousandMinutes = "from=2031-08-01T00:00:00Z&to=2031-08-07T22:40:00Z";
		String oneMinuteMore = "from=2031-08-01T00:00:00Z&to=2031-08-07T22:40:00.000001Z";

		assertThat(this.api.get(TIMESERIES + "bucket=minute&" + tenThousandMinutes).status()).isEqualTo(200);
		Response tooMany = this.api.get(TIMESERIES + "bucket=minute&" + oneMinuteMore);
		JsonNode problem = assertProblem(tooMany, 400, "too-many-buckets");
		assertThat(problem.path("buckets").asLong()).isEqualTo(10_001);
		assertThat(problem.path("maxBuckets").asLong()).isEqualTo(10_000);
		assertThat(this.api.get(TIMESERIES + "bucket=hour&" + oneMinuteMore).status()).isEqualTo(200);
	}

	@Test
	void aWindowMayUseAnyOffsetAndIsAnsweredInUtc() {
		JsonNode summary = this.api.ok(SUMMARY + "from=2031-08-01T02:00:00%2B02:00&to=2031-08-01T01:00:00Z");

		assertThat(summary.get("from").asString()).isEqualTo("2031-08-01T00:00:00Z");
		assertThat(summary.get("placedOrders").asLong()).isZero();
	}

}
