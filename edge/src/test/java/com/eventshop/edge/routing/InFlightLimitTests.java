package com.eventshop.edge.routing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's bound on requests held at once: past it, a fast {@code 503} problem with
 * {@code Retry-After}, and a request that ends gives its place back.
 */
class InFlightLimitTests {

	private final InFlightLimit limit = new InFlightLimit(2, JsonMapper.builder().build());

	@Test
	void oneRequestMoreThanTheLimitIsRefusedAtOnceAndAnEndedOneMakesRoom() throws Exception {
		CountDownLatch inside = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService held = Executors.newFixedThreadPool(2);
		try {
			Future<MockHttpServletResponse> first = held.submit(() -> pass(inside, release));
			Future<MockHttpServletResponse> second = held.submit(() -> pass(inside, release));
			assertThat(inside.await(1, TimeUnit.MINUTES)).as("both requests reached the route").isTrue();

			MockHttpServletResponse third = new MockHttpServletResponse();
			boolean[] reached = { false };
			this.limit.doFilter(new MockHttpServletRequest("POST", "/api/orders"), third,
					(request, response) -> reached[0] = true);

			assertThat(reached[0]).as("the third request reached the route").isFalse();
			assertThat(third.getStatus()).isEqualTo(503);
			assertThat(third.getHeader("Retry-After")).isEqualTo("1");
			assertThat(third.getContentType()).isEqualTo("application/problem+json");
			assertThat(third.getContentAsString()).contains("urn:eventshop:problem:overloaded",
					"already passing on 2 requests");

			release.countDown();
			assertThat(first.get(1, TimeUnit.MINUTES).getStatus()).isEqualTo(200);
			assertThat(second.get(1, TimeUnit.MINUTES).getStatus()).isEqualTo(200);
			MockHttpServletResponse fourth = new MockHttpServletResponse();
			this.limit.doFilter(new MockHttpServletRequest("GET", "/api/products"), fourth,
					(request, response) -> reached[0] = true);
			assertThat(reached[0]).as("a request after the others ended reached the route").isTrue();
			assertThat(fourth.getStatus()).isEqualTo(200);
		}
		finally {
			release.countDown();
			held.shutdownNow();
		}
	}

	@Test
	void aRequestThatFailsGivesItsPlaceBack() throws Exception {
		for (int i = 0; i < 3; i++) {
			try {
				this.limit.doFilter(new MockHttpServletRequest("GET", "/api/products"), new MockHttpServletResponse(),
						(request, response) -> {
							throw new IllegalStateException("the route failed");
						});
			}
			catch (IllegalStateException expected) {
				// the failure is the caller's to see; the permit must not stay taken
			}
		}
		MockHttpServletResponse after = new MockHttpServletResponse();
		this.limit.doFilter(new MockHttpServletRequest("GET", "/api/products"), after, (request, response) -> {
		});
		assertThat(after.getStatus()).isEqualTo(200);
	}

	private MockHttpServletResponse pass(CountDownLatch inside, CountDownLatch release) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.limit.doFilter(new MockHttpServletRequest("GET", "/api/products"), response, (req, res) -> {
			inside.countDown();
			try {
				release.await(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		return response;
	}

}
