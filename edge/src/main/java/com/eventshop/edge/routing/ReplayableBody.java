package com.eventshop.edge.routing;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.util.StreamUtils;

/**
 * A request's body, read once, that each attempt to pass the request on reads again from
 * the start: the gateway copies the body from the servlet request's input stream, which
 * can be read only once.
 */
final class ReplayableBody {

	private final HttpServletRequest request;

	private final byte[] body;

	private ReplayableBody(HttpServletRequest request, byte[] body) {
		this.request = request;
		this.body = body;
	}

	static ReplayableBody of(HttpServletRequest request) throws IOException {
		return new ReplayableBody(request, StreamUtils.copyToByteArray(request.getInputStream()));
	}

	/** The request, with its body unread. */
	HttpServletRequest replay() {
		BodyStream stream = new BodyStream(new ByteArrayInputStream(this.body));
		return new HttpServletRequestWrapper(this.request) {

			@Override
			public ServletInputStream getInputStream() {
				return stream;
			}

		};
	}

	private static final class BodyStream extends ServletInputStream {

		private final ByteArrayInputStream bytes;

		BodyStream(ByteArrayInputStream bytes) {
			this.bytes = bytes;
		}

		@Override
		public boolean isFinished() {
			return this.bytes.available() == 0;
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
		public int read() {
			return this.bytes.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.bytes.read(buffer, offset, length);
		}

	}

}
