package com.eventshop.localstack.supervisor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A process for the supervisor's tests: listens on the port it is given (its readiness)
 * and does nothing else until it is ended.
 */
public final class Idle {

	private Idle() {
	}

	@SuppressWarnings("try") // each connection is accepted and closed, nothing more
	public static void main(String[] args) throws IOException {
		try (ServerSocket server = new ServerSocket()) {
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])));
			while (true) {
				try (Socket ignored = server.accept()) {
					// a readiness check: connected, nothing to say
				}
			}
		}
	}

}
