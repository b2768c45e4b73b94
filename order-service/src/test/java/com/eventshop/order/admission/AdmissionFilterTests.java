package com.eventshop.order.admission;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admission decision on its own: what the pipeline's reading and the running
 * placements let in, and what a refusal looks like. No server, no clock: states only.
 */
class AdmissionFilterTests {

	/** As the service's mapper writes problems: extra members at the top level. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	private static final AdmissionProperties LIMITS = new AdmissionProperties(true, 100, 1000, Duration.ofSeconds(5), 1,
			Duration.ofMillis(250), Duration.ofMillis(1500));

	@Test
	void aBacklogOrLagAtTheBoundRefusesAndBelowItAdmits() {
		assertThat(new PipelineLoad.Snapshot(99L, 999L, null).overload(LIMITS)).isNull();
		assertThat(new PipelineLoad.Snapshot(100L, 0L, null).overload(LIMITS)).isEqualTo(Overload.OUTBOX_BACKLOG);
		assertThat(new PipelineLoad.Snapshot(0L, 1000L, null).overload(LIMITS)).isEqualTo(Overload.SAGA_LAG);
		assertThat(new PipelineLoad.Snapshot(null, null, null).overload(LIMITS)).as("unknown refuses nothing").isNull();
		assertThat(new PipelineLoad.Snapshot(null, 5000L, null).overload(LIMITS)).isEqualTo(Overload.SAGA_LAG);
	}

	@Test
	void aSagaThatWouldTakeTheBoundToReadWhatWaitsRefusesLongBeforeItsLagBound() {
		assertThat(new PipelineLoad.Snapshot(0L, 400L, Duration.ofMillis(4_999)).overload(LIMITS)).isNull();
		assertThat(new PipelineLoad.Snapshot(0L, 400L, Duration.ofSeconds(5)).overload(LIMITS))
			.isEqualTo(Overload.SAGA_DELAY);
		assertThat(new PipelineLoad.Snapshot(0L, 400L, null).overload(LIMITS)).as("an unknown delay refuses nothing")
			.isNull();
		assertThat(new PipelineLoad.Snapshot(0L, PipelineLoad.Snapshot.DELAY_FLOOR - 1, Duration.ofMinutes(1))
			.overload(LIMITS)).as("a few records waiting long are a slow saga, not an overloaded one").isNull();
	}

	@Test
	void aPlacementBeyondTheInFlightLimitIsRefusedAtOnceNotQueued() throws Exception {
		AdmissionFilter filter = filter(new PipelineLoad.Snapshot(0L, 0L, null));
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> {
			MockHttpServletResponse response = new MockHttpServletResponse();
			try {
				filter.doFilter(placement(), response, (request, ignored) -> {
					inside.countDown();
					awaitQuietly(release);
					((MockHttpServletResponse) ignored).setStatus(201);
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			return response;
		});
		assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

		// The one permit is held: the second placement is refused on the calling thread,
		// its chain never entered.
		boolean[] entered = { false };
		MockHttpServletResponse second = new MockHttpServletResponse();
		filter.doFilter(placement(), second, (request, response) -> entered[0] = true);

		assertThat(entered[0]).isFalse();
		assertOverloaded(second, "in-flight");

		release.countDown();
		assertThat(first.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(201);
		MockHttpServletResponse third = new MockHttpServletResponse();
		filter.doFilter(placement(), third, (request, response) -> ((MockHttpServletResponse) response).setStatus(201));
		assertThat(third.getStatus()).as("the permit came back").isEqualTo(201);
	}

	@Test
	void aPipelineBehindRefusesPlacementsButNotOtherRequests() throws Exception {
		AdmissionFilter filter = filter(new PipelineLoad.Snapshot(100L, 0L, null));

		MockHttpServletResponse refused = new MockHttpServletResponse();
		filter.doFilter(placement(), refused, (request, response) -> {
			throw new AssertionError("admitted");
		});
		MockHttpServletResponse read = new MockHttpServletResponse();
		filter.doFilter(new MockHttpServletRequest("GET", "/api/orders"), read,
				(request, response) -> ((MockHttpServletResponse) response).setStatus(200));

		assertOverloaded(refused, "outbox-backlog");
		assertThat(read.getStatus()).isEqualTo(200);
	}

	private static AdmissionFilter filter(PipelineLoad.Snapshot snapshot) {
		return new AdmissionFilter(() -> snapshot, LIMITS, JSON, new SimpleMeterRegistry());
	}

	private static MockHttpServletRequest placement() {
		return new MockHttpServletRequest("POST", "/api/orders");
	}

	private static void assertOverloaded(MockHttpServletResponse response, String reason) throws Exception {
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).as("1.5 s rounded up to whole seconds").isEqualTo("2");
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		JsonNode problem = JSON.readTree(response.getContentAsString());
		assertThat(problem.get("type").asString()).isEqualTo("urn:eventshop:problem:overloaded");
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("reason").asString()).isEqualTo(reason);
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
