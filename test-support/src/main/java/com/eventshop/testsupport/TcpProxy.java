package com.eventshop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards TCP connections from a local port to a target address, so a test can make a
 * server reachable (start) or unreachable (close) at that port. For Kafka it stands in
 * for the bootstrap address: before it starts, a client finds no broker at all.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String targetHost;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private TcpProxy(int port, String targetHost, int targetPort) throws IOException {
		this.server = new ServerSocket();
		this.server.setReuseAddress(true);
		this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		Thread.ofVirtual().name("tcp-proxy-" + port).start(this::accept);
	}

	/**
	 * Starts forwarding {@code 127.0.0.1:port} to {@code host:port} of the target.
	 * @param port local port to listen on
	 * @param target {@code host:port}
	 * @return the running proxy
	 */
	public static TcpProxy start(int port, String target) {
		int colon = target.lastIndexOf(':');
		try {
			return new TcpProxy(port, target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not listen on port " + port, ex);
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket(this.targetHost, this.targetPort);
				this.sockets.add(client);
				this.sockets.add(upstream);
				Thread.ofVirtual().start(() -> pipe(client, upstream));
				Thread.ofVirtual().start(() -> pipe(upstream, client));
			}
			catch (IOException ex) {
				// closed, or the target refused: the client sees a dropped connection
			}
		}
	}

	private static void pipe(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// one side went away
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	/** Stops listening and cuts every forwarded connection. */
	@Override
	public void close() {
		closeQuietly(this.server);
		this.sockets.forEach(TcpProxy::closeQuietly);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// nothing to do
		}
	}

}
