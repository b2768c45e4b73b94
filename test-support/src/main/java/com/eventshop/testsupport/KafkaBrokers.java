package com.eventshop.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Helpers for tests that take Kafka away from a service.
 */
public final class KafkaBrokers {

	private KafkaBrokers() {
	}

	/** A TCP port that nothing listens on right now. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
