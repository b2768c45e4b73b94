package com.eventshop.order.ordering;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;

import com.eventshop.order.OrderServiceTest;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.eventshop.order.ordering.OrderApi.assertProblem;
import static com.eventshop.order.ordering.OrderApi.problemType;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer of the API names its trace, an error above all: sampling decides at the
 * start of a request whether its trace is kept, before anyone knows it will fail, so the
 * id a user can quote ({@code X-Trace-Id}, and {@code traceId} in a problem detail) is
 * what finds the request in the logs, and in the trace server when it was sampled.
 */
@OrderServiceTest
class TraceIdResponseTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSuccessfulAnswerNamesTheCallersTrace() {
		String traceId = newTraceId();
		OrderApi api = new OrderApi(this.port, this.jdbc);

		OrderApi.Response response = api
			.send(api.orderPost(OrderApi.json(OrderApi.validOrder())).header("traceparent", traceparent(traceId)));

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.header("X-Trace-Id")).contains(traceId);
	}

	@Test
	void aProblemNamesItsTraceInItsHeaderAndItsBody() {
		String traceId = newTraceId();
		OrderApi api = new OrderApi(this.port, this.jdbc);

		OrderApi.Response response = api
			.send(api.orderPost("{\"lines\": []}").header("traceparent", traceparent(traceId)));

		JsonNode problem = assertProblem(response, 400, problemType("validation"));
		assertThat(response.header("X-Trace-Id")).contains(traceId);
		assertThat(problem.path("traceId").asString()).isEqualTo(traceId);
	}

	@Test
	void aRequestThatSecurityTurnsAwayNamesItsTraceToo() {
		String traceId = newTraceId();
		OrderApi api = new OrderApi(this.port, this.jdbc);

		OrderApi.Response response = api.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/orders/" + UUID.randomUUID()))
					.header("traceparent", traceparent(traceId))
					.GET());

		JsonNode problem = assertProblem(response, 401, problemType("unauthorized"));
		assertThat(response.header("X-Trace-Id")).contains(traceId);
		assertThat(problem.path("traceId").asString()).isEqualTo(traceId);
	}

	@Test
	void aRequestWithoutTraceContextGetsATraceOfItsOwn() {
		OrderApi api = new OrderApi(this.port, this.jdbc);

		OrderApi.Response response = api.get("/api/orders/" + UUID.randomUUID());

		JsonNode problem = assertProblem(response, 404, problemType("not-found"));
		assertThat(response.header("X-Trace-Id")).hasValueSatisfying((id) -> assertThat(id).matches("[0-9a-f]{32}"));
		assertThat(problem.path("traceId").asString()).isEqualTo(response.header("X-Trace-Id").orElseThrow());
	}

	private static String newTraceId() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	/** A W3C trace context whose caller asked for the trace to be kept. */
	private static String traceparent(String traceId) {
		return "00-" + traceId + "-00f067aa0ba902b7-01";
	}

}
