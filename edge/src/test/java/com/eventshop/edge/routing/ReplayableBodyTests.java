package com.eventshop.edge.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each attempt of the failover reads: the whole body every time while it is small,
 * the whole body once, never held in memory, when it is over the limit.
 */
class ReplayableBodyTests {

	private static final int LIMIT = 16;

	@Test
	void aBodyWithinTheLimitIsReadWholeByEveryAttempt() throws IOException {
		ReplayableBody body = ReplayableBody.of(post("0123456789abcdef", true), LIMIT);

		assertThat(body.replayable()).isTrue();
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(read(body.replay())).isEqualTo("0123456789abcdef");
		}
	}

	@Test
	void anEmptyBodyIsFinishedBeforeAnyRead() throws IOException {
		ReplayableBody body = ReplayableBody.of(post("", true), LIMIT);

		assertThat(body.replayable()).isTrue();
		assertThat(body.replay().getInputStream().isFinished()).isTrue();
	}

	@Test
	void aBodyDeclaredOverTheLimitIsNotReadAheadAndReachesTheFirstAttemptWhole() throws IOException {
		String large = "x".repeat(LIMIT * 4);
		HttpServletRequest request = post(large, true);
		ReplayableBody body = ReplayableBody.of(request, LIMIT);

		assertThat(body.replayable()).isFalse();
		assertThat(read(body.replay())).isEqualTo(large);
	}

	@Test
	void aBodyOfUnknownLengthFoundOverTheLimitReachesTheFirstAttemptWhole() throws IOException {
		String large = "0123456789".repeat(LIMIT);
		ReplayableBody body = ReplayableBody.of(post(large, false), LIMIT);

		assertThat(body.replayable()).isFalse();
		assertThat(read(body.replay())).isEqualTo(large);
	}

	@Test
	void aBodyOfUnknownLengthJustAtTheLimitIsKept() throws IOException {
		String exact = "y".repeat(LIMIT);
		ReplayableBody body = ReplayableBody.of(post(exact, false), LIMIT);

		assertThat(body.replayable()).isTrue();
		assertThat(read(body.replay())).isEqualTo(exact);
		assertThat(read(body.replay())).isEqualTo(exact);
	}

	private static HttpServletRequest post(String body, boolean declared) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/orders");
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		if (declared) {
			return request;
		}
		// Sent in chunks: no Content-Length.
		return new HttpServletRequestWrapper(request) {

			@Override
			public long getContentLengthLong() {
				return -1;
			}

			@Override
			public int getContentLength() {
				return -1;
			}

		};
	}

	private static String read(HttpServletRequest request) throws IOException {
		return new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

}
