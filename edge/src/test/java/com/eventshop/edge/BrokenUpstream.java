package com.eventshop.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service instance that takes the connection and then fails the exchange: it closes the
 * connection once the request has reached it, holds it and never answers, or stays silent
 * from the start (reads nothing, answers nothing), so a caller can only give up on it. It
 * counts the connections it took and the requests that reached it.
 */
final class BrokenUpstream implements AutoCloseable {

	enum Failure {

		/** Closes the connection once the request's head is read. */
		CLOSES,

		/** Reads the request's head and then answers nothing. */
		HANGS,

		/** Reads nothing and answers nothing. */
		SILENT

	}

	private final ServerSocket server;

	private final Failure failure;

	private final AtomicInteger requests = new AtomicInteger();

	private final List<Socket> held = new CopyOnWriteArrayList<>();

	BrokenUpstream(Failure failure) {
		this.failure = failure;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread.ofVirtual().name("broken-upstream").start(() -> {
			while (!this.server.isClosed()) {
				try {
					Socket socket = this.server.accept();
					Thread.ofVirtual().start(() -> take(socket));
				}
				catch (IOException ex) {
					// closed
				}
			}
		});
	}

	private void take(Socket socket) {
		this.held.add(socket);
		if (this.failure == Failure.SILENT) {
			return;
		}
		try {
			if (readHead(socket.getInputStream())) {
				this.requests.incrementAndGet();
			}
			if (this.failure == Failure.CLOSES) {
				socket.close();
			}
		}
		catch (IOException ex) {
			// the caller gave up
		}
	}

	/**
	 * Reads up to the blank line that ends a request's head; false if the stream ends
	 * first.
	 */
	private static boolean readHead(InputStream in) throws IOException {
		int last4 = 0;
		int b;
		while ((b = in.read()) != -1) {
			last4 = (last4 << 8) | b;
			if (last4 == 0x0D0A0D0A) {
				return true;
			}
		}
		return false;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	/** How many connections it took. */
	int accepted() {
		return this.held.size();
	}

	/** How many requests reached it (a silent one reads none). */
	int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		try {
			this.server.close();
			for (Socket socket : this.held) {
				socket.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
