package com.eventshop.edge.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The live streams' loop, looking at scripted sources without waiting between looks: what
 * a browser receives, when a stream ends, and which streams are refused.
 */
class LiveStreamsTests {

	private final LiveStreams streams = new LiveStreams(
			new ConsoleSettings(null, null, Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofMinutes(10),
					new ConsoleSettings.Streams(1, 2, Duration.ofSeconds(3), Duration.ofSeconds(2))),
			JsonMapper.builder().build());

	@Test
	void sendsASnapshotOnlyWhenItChangedAndAQuietCommentOtherwise() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.streams.stream(response, "ada", Duration.ZERO,
				script(StreamFrame.of("desk", "{\"a\":1}"), StreamFrame.of("desk", "{\"a\":1}"),
						StreamFrame.of("desk", "{\"a\":2}"), StreamFrame.last("missing", "{}")));

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("text/event-stream");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(response.getContentAsString()).isEqualTo("event: desk\ndata: {\"a\":1}\n\n" + ": quiet\n\n"
				+ "event: desk\ndata: {\"a\":2}\n\n" + "event: missing\ndata: {}\n\n");
	}

	@Test
	void aChangeIsToldByTheSignatureNotByTheTimeOfTheLook() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.streams.stream(response, "ada", Duration.ZERO, script(StreamFrame.of("desk", "{\"at\":1,\"x\":1}", "1"),
				StreamFrame.of("desk", "{\"at\":2,\"x\":1}", "1"), StreamFrame.last("bye", "{}")));

		assertThat(response.getContentAsString())
			.isEqualTo("event: desk\ndata: {\"at\":1,\"x\":1}\n\n" + ": quiet\n\n" + "event: bye\ndata: {}\n\n");
	}

	@Test
	void aSettlingSnapshotEndsTheStreamOnceUnchangedForItsTime() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.streams.stream(response, "ada", Duration.ZERO,
				() -> StreamFrame.of("journey", "{\"status\":\"SHIPPED\"}").settlingAfter(Duration.ZERO));

		assertThat(response.getContentAsString()).startsWith("event: journey\ndata: {\"status\":\"SHIPPED\"}\n\n")
			.endsWith("event: end\ndata: {}\n\n");
	}

	@Test
	void aStreamBeyondTheUsersBoundIsRefusedAtOnceWhileAnotherUserIsServed() throws Exception {
		MockHttpServletResponse ada = new MockHttpServletResponse();
		MockHttpServletResponse adaAgain = new MockHttpServletResponse();
		MockHttpServletResponse grace = new MockHttpServletResponse();

		// while ada's first stream looks, she and grace open one more each
		this.streams.stream(ada, "ada", Duration.ZERO, () -> {
			try {
				this.streams.stream(adaAgain, "ada", Duration.ZERO, () -> StreamFrame.last("never", "{}"));
				this.streams.stream(grace, "grace", Duration.ZERO, () -> StreamFrame.last("hello", "{}"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return StreamFrame.last("done", "{}");
		});

		assertThat(adaAgain.getStatus()).isEqualTo(503);
		assertThat(adaAgain.getContentType()).isEqualTo("application/problem+json");
		assertThat(adaAgain.getHeader("Retry-After")).isNotNull();
		assertThat(adaAgain.getContentAsString()).contains("Too many live pages open").doesNotContain("never");
		assertThat(grace.getContentAsString()).isEqualTo("event: hello\ndata: {}\n\n");
		assertThat(ada.getContentAsString()).isEqualTo("event: done\ndata: {}\n\n");
		assertThat(this.streams.open()).isZero();
	}

	@Test
	void aSourceFailingOnItsFirstLookFailsTheRequestAndFreesItsPlace() throws Exception {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.streams.stream(new MockHttpServletResponse(), "ada", Duration.ZERO, () -> {
				throw new IllegalStateException("not an operator");
			}));

		MockHttpServletResponse again = new MockHttpServletResponse();
		this.streams.stream(again, "ada", Duration.ZERO, () -> StreamFrame.last("ok", "{}"));
		assertThat(again.getStatus()).isEqualTo(200);
		assertThat(this.streams.open()).isZero();
	}

	@Test
	void aSourceFailingLaterEndsTheStreamAndFreesItsPlace() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		Iterator<StreamFrame> frames = List.of(StreamFrame.of("desk", "{}")).iterator();

		this.streams.stream(response, "ada", Duration.ZERO, () -> {
			if (!frames.hasNext()) {
				throw new IllegalStateException("the services went away");
			}
			return frames.next();
		});

		assertThat(response.getContentAsString()).isEqualTo("event: desk\ndata: {}\n\n");
		assertThat(this.streams.open()).isZero();
	}

	private static LiveStreams.Source script(StreamFrame... frames) {
		Iterator<StreamFrame> next = Stream.of(frames).iterator();
		return next::next;
	}

}
