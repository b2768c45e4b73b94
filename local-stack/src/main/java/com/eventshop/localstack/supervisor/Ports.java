package com.eventshop.localstack.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for a stack that runs beside others on one machine, chosen so that nothing
 * else can take them before the stack's processes bind them.
 * <p>
 * "Open a socket on port 0, close it, hope" races twice: the kernel hands the same
 * ephemeral port to the next outgoing connection, and another test run may pick it too.
 * So a port is chosen below Linux's ephemeral range (32768 and up), and this class keeps
 * it bound (a listening socket, which also keeps every other {@code Ports} user off it)
 * until the process that needs it is about to start: {@link #release(int)}.
 * <p>
 * On a machine shared by several people, each with a block of ports of their own, the
 * system property {@code eventshop.ports} (e.g. {@code 25000-25099}) narrows the choice
 * to that block.
 */
public final class Ports implements AutoCloseable {

	private static final int LOWEST = bound(0, 20_000);

	private static final int HIGHEST = bound(1, 32_000);

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private final Map<Integer, ServerSocket> held = new LinkedHashMap<>();

	private Ports() {
	}

	/** One free port for each name, held until released. */
	public static Ports reserve(List<String> names) {
		Ports ports = new Ports();
		for (String name : names) {
			ports.hold(name);
		}
		return ports;
	}

	/** The ports by name, e.g. as environment variables for a stack. */
	public synchronized Map<String, String> asSettings() {
		Map<String, String> settings = new LinkedHashMap<>();
		this.ports.forEach((name, port) -> settings.put(name, Integer.toString(port)));
		return settings;
	}

	public synchronized int port(String name) {
		Integer port = this.ports.get(name);
		if (port == null) {
			throw new IllegalArgumentException("No port reserved as " + name);
		}
		return port;
	}

	/** Lets the port go, right before the process that binds it starts. */
	public synchronized void release(int port) {
		ServerSocket socket = this.held.remove(port);
		if (socket != null) {
			close(socket);
		}
	}

	public synchronized boolean holds(int port) {
		return this.held.containsKey(port);
	}

	@Override
	public synchronized void close() {
		this.held.values().forEach(Ports::close);
		this.held.clear();
	}

	/** Whether something accepts connections on the local port. */
	public static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void hold(String name) {
		for (int attempt = 0; attempt < 500; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
			if (this.held.containsKey(port)) {
				continue;
			}
			try {
				// Bound on every address, as the stack's processes bind it, so a port
				// someone holds on any address is never chosen.
				ServerSocket socket = new ServerSocket();
				socket.setReuseAddress(true);
				try {
					socket.bind(new InetSocketAddress(port));
				}
				catch (IOException ex) {
					socket.close();
					continue;
				}
				this.held.put(port, socket);
				this.ports.put(name, port);
				return;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		throw new IllegalStateException("No free port between " + LOWEST + " and " + HIGHEST);
	}

	/** One end of the range {@code eventshop.ports} sets ({@code lowest-highest}). */
	private static int bound(int end, int fallback) {
		String range = System.getProperty("eventshop.ports", "").strip();
		if (range.isEmpty()) {
			return fallback;
		}
		String[] ends = range.split("-");
		if (ends.length != 2) {
			throw new IllegalArgumentException("eventshop.ports must be lowest-highest, not " + range);
		}
		// the highest end is exclusive in the choice, so one past the block's last port
		return Integer.parseInt(ends[end].strip()) + end;
	}

	private static void close(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing a listening socket that never accepted does not fail in practice
		}
	}

}
