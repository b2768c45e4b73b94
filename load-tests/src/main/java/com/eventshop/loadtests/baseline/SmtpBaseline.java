package com.eventshop.loadtests.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The SMTP server's own capacity: e-mails of the size the e-mail service writes, sent by
 * a bare Jakarta Mail client (the library the service uses) over a few connections that
 * each stay open, with nothing else in the way. The e-mail service's rate is judged
 * against this, measured in the same run on the same server.
 */
public final class SmtpBaseline {

	private final String host;

	private final int port;

	private final int connections;

	public SmtpBaseline(String host, int port, int connections) {
		this.host = host;
		this.port = port;
		this.connections = connections;
	}

	/** Sends {@code messages} e-mails of {@code bodyBytes} characters each. */
	public Result run(int messages, int bodyBytes) throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", this.host);
		properties.put("mail.smtp.port", Integer.toString(this.port));
		properties.put("mail.smtp.connectiontimeout", "5000");
		properties.put("mail.smtp.timeout", "10000");
		Session session = Session.getInstance(properties);
		String body = "x".repeat(Math.max(1, bodyBytes));
		AtomicInteger next = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		long start = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(this.connections)) {
			List<Future<?>> senders = new ArrayList<>();
			for (int c = 0; c < this.connections; c++) {
				senders.add(pool.submit(() -> {
					send(session, body, messages, next, failures);
					return null;
				}));
			}
			for (Future<?> sender : senders) {
				sender.get();
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		int sent = messages - failures.get();
		return new Result(this.connections, sent, failures.get(), seconds, sent / seconds);
	}

	private static void send(Session session, String body, int messages, AtomicInteger next, AtomicInteger failures)
			throws MessagingException {
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect();
			for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
				MimeMessage message = new MimeMessage(session);
				message.setFrom(new InternetAddress("shop@example.com"));
				InternetAddress to = new InternetAddress("baseline-" + (i % 100) + "@example.com");
				message.setRecipient(Message.RecipientType.TO, to);
				message.setSubject("Baseline e-mail " + i);
				message.setText(body);
				try {
					transport.sendMessage(message, new InternetAddress[] { to });
				}
				catch (MessagingException ex) {
					failures.incrementAndGet();
				}
			}
		}
	}

	/**
	 * What the server took.
	 *
	 * @param connections connections used, each sending one e-mail after another
	 * @param sent e-mails accepted
	 * @param failures e-mails refused
	 * @param seconds how long it took
	 * @param perSecond e-mails accepted per second
	 */
	public record Result(int connections, int sent, int failures, double seconds, double perSecond) {
	}

}
