package com.eventshop.email.notification;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * An SMTP proxy in front of the test's GreenMail that answers {@code RCPT TO} for chosen
 * domains itself, as a real mail server does for an address it will not take: with a
 * permanent {@code 550} or a transient {@code 450}. Everything else goes through to
 * GreenMail unchanged, so accepted e-mails land in its mailbox as before. GreenMail
 * itself accepts every recipient, which is why the refusal is added here.
 */
final class RefusingSmtpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String upstreamHost;

	private final int upstreamPort;

	/** The reply per refused recipient domain, e.g. {@code 550 5.1.1 ...}. */
	private final Map<String, String> refusals = new ConcurrentHashMap<>();

	RefusingSmtpProxy(String host, int upstreamPort) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getByName(host));
		this.upstreamHost = host;
		this.upstreamPort = upstreamPort;
		Thread.ofPlatform().daemon().name("smtp-proxy").start(this::acceptConnections);
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Refuses every recipient of the domain for good ({@code 550}). */
	void refuseForGood(String domain) {
		this.refusals.put(domain.toLowerCase(Locale.ROOT), "550 5.1.1 Recipient address rejected: mailbox unavailable");
	}

	/** Refuses every recipient of the domain for now ({@code 450}). */
	void refuseForNow(String domain) {
		this.refusals.put(domain.toLowerCase(Locale.ROOT), "450 4.2.1 Mailbox busy, try again later");
	}

	/** Takes the domain's recipients again. */
	void accept(String domain) {
		this.refusals.remove(domain.toLowerCase(Locale.ROOT));
	}

	private void acceptConnections() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Thread.ofPlatform().daemon().name("smtp-proxy-session").start(() -> relay(client));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void relay(Socket client) {
		try (client; Socket upstream = new Socket(this.upstreamHost, this.upstreamPort)) {
			OutputStream toClient = client.getOutputStream();
			Thread replies = Thread.ofPlatform().daemon().name("smtp-proxy-replies").start(() -> {
				try {
					copy(upstream.getInputStream(), toClient);
				}
				catch (IOException ex) {
					// either side went away
				}
				finally {
					closeQuietly(client);
				}
			});
			commands(new BufferedInputStream(client.getInputStream()), upstream.getOutputStream(), toClient);
			upstream.shutdownOutput();
			replies.join();
		}
		catch (IOException ex) {
			// GreenMail is stopped, or either side went away: the client sees
			// a broken session
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Passes the client's lines on, answering refused recipients itself. */
	private void commands(InputStream fromClient, OutputStream toUpstream, OutputStream toClient) throws IOException {
		boolean data = false;
		byte[] line;
		while ((line = readLine(fromClient)) != null) {
			String text = new String(line, StandardCharsets.ISO_8859_1).strip();
			if (data) {
				data = !text.equals(".");
			}
			else if (text.toUpperCase(Locale.ROOT).startsWith("RCPT TO:")) {
				String refusal = refusal(text);
				if (refusal != null) {
					synchronized (toClient) {
						toClient.write((refusal + "\r\n").getBytes(StandardCharsets.US_ASCII));
						toClient.flush();
					}
					continue;
				}
			}
			else if (text.equalsIgnoreCase("DATA")) {
				data = true;
			}
			toUpstream.write(line);
			toUpstream.flush();
		}
	}

	private @Nullable String refusal(String rcpt) {
		int at = rcpt.lastIndexOf('@');
		int end = rcpt.indexOf('>', at);
		if (at < 0 || end < 0) {
			return null;
		}
		return this.refusals.get(rcpt.substring(at + 1, end).toLowerCase(Locale.ROOT));
	}

	private static void copy(InputStream in, OutputStream out) throws IOException {
		byte[] buffer = new byte[8192];
		int read;
		while ((read = in.read(buffer)) >= 0) {
			synchronized (out) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
	}

	/** One line with its line end, or null at the end of the stream. */
	private static byte @Nullable [] readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			line.write(b);
			if (b == '\n') {
				break;
			}
		}
		return (line.size() == 0) ? null : line.toByteArray();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
