package com.eventshop.edge.routing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request's body, read once, that each attempt to pass the request on reads again from
 * the start: the gateway copies the body from the servlet request's input stream, which
 * can be read only once.
 * <p>
 * Only a body of at most {@link #LIMIT} bytes is kept in memory, so that a large upload
 * is never buffered whole in the gateway. A larger one (declared, or found larger while
 * reading) is passed on once, as a stream: the bytes already read first, then the rest
 * straight from the client, and it is not {@linkplain #replayable() replayable}. The
 * services refuse such a body themselves (their own limit is the same 64 KB), so the
 * gateway needs no opinion on it beyond not holding it.
 */
final class ReplayableBody {

	/** The largest body kept for another attempt: the services' own request limit. */
	static final int LIMIT = 64 * 1024;

	private final HttpServletRequest request;

	private final byte[] head;

	private final boolean whole;

	private ReplayableBody(HttpServletRequest request, byte[] head, boolean whole) {
		this.request = request;
		this.head = head;
		this.whole = whole;
	}

	static ReplayableBody of(HttpServletRequest request) throws IOException {
		return of(request, LIMIT);
	}

	static ReplayableBody of(HttpServletRequest request, int limit) throws IOException {
		if (request.getContentLengthLong() > limit) {
			return new ReplayableBody(request, new byte[0], false);
		}
		byte[] head = request.getInputStream().readNBytes(limit + 1);
		return (head.length > limit) ? new ReplayableBody(request, head, false)
				: new ReplayableBody(request, head, true);
	}

	/**
	 * Whether every attempt gets the whole body: {@code false} for a body over the limit,
	 * which only the first attempt gets.
	 */
	boolean replayable() {
		return this.whole;
	}

	/** The request, with its body unread. */
	HttpServletRequest replay() throws IOException {
		InputStream bytes = new ByteArrayInputStream(this.head);
		BodyStream stream = new BodyStream(
				this.whole ? bytes : new SequenceInputStream(bytes, this.request.getInputStream()));
		return new HttpServletRequestWrapper(this.request) {

			@Override
			public ServletInputStream getInputStream() {
				return stream;
			}

		};
	}

	private static final class BodyStream extends ServletInputStream {

		private final InputStream bytes;

		private boolean finished;

		BodyStream(InputStream bytes) {
			this.bytes = bytes;
		}

		@Override
		public boolean isFinished() {
			// All in memory: known without a read (an empty body is finished at once).
			return this.finished || (this.bytes instanceof ByteArrayInputStream memory && memory.available() == 0);
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException("The body is already read; read it blocking");
		}

		@Override
		public int read() throws IOException {
			return finish(this.bytes.read());
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			return finish(this.bytes.read(buffer, offset, length));
		}

		private int finish(int read) {
			if (read < 0) {
				this.finished = true;
			}
			return read;
		}

	}

}
