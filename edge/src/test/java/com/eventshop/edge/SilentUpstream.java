package com.eventshop.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A service that hangs: it accepts connections (and reads nothing, answers nothing) until
 * it is closed, so a caller can only give up on it.
 */
final class SilentUpstream implements AutoCloseable {

	private final ServerSocket server;

	private final List<Socket> held = new CopyOnWriteArrayList<>();

	SilentUpstream() {
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread.ofVirtual().name("silent-upstream").start(() -> {
			while (!this.server.isClosed()) {
				try {
					this.held.add(this.server.accept());
				}
				catch (IOException ex) {
					// closed
				}
			}
		});
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	/** How many connections it took. */
	int accepted() {
		return this.held.size();
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
