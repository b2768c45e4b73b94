package com.eventshop.system.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mail that reached the mail server (GreenMail, read over its HTTP API): what a
 * customer would find in their inbox, as opposed to what the e-mail service recorded.
 */
final class Mailbox {

	private static final Pattern RECEIVED = Pattern.compile("Your EventShop order ([0-9a-f-]{36}) has been received");

	/** Each kind of e-mail by its subject (the templates' subjects). */
	private static final Map<String, Pattern> SUBJECTS = Map.of("ORDER_RECEIVED", RECEIVED, "ORDER_CONFIRMED",
			Pattern.compile("Your EventShop order ([0-9a-f-]{36}) is confirmed"), "ORDER_REJECTED",
			Pattern.compile("Your EventShop order ([0-9a-f-]{36}) was rejected.*"), "ORDER_SHIPPED",
			Pattern.compile("Your EventShop order ([0-9a-f-]{36}) has been shipped"), "ORDER_CANCELLED",
			Pattern.compile("Your EventShop order ([0-9a-f-]{36}) has been cancelled"));

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Mailbox() {
	}

	/** How many "order received" e-mails reached {@code address}, per order. */
	static Map<UUID, Integer> received(FaultStack stack, String address) throws IOException, InterruptedException {
		Map<UUID, Integer> counts = new HashMap<>();
		byKind(stack, address).forEach((order, kinds) -> {
			if (kinds.containsKey("ORDER_RECEIVED")) {
				counts.put(order, kinds.get("ORDER_RECEIVED"));
			}
		});
		return counts;
	}

	/**
	 * How many e-mails of each kind ({@code ORDER_RECEIVED}, ...) reached
	 * {@code address}, per order.
	 */
	static Map<UUID, Map<String, Integer>> byKind(FaultStack stack, String address)
			throws IOException, InterruptedException {
		HttpResponse<String> response = client.send(HttpRequest
			.newBuilder(URI.create(stack.url("GREENMAIL_API_PORT") + "/api/user/"
					+ URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX"))
			.timeout(Duration.ofMinutes(1))
			.build(), HttpResponse.BodyHandlers.ofString());
		Map<UUID, Map<String, Integer>> counts = new HashMap<>();
		if (response.statusCode() != 200) {
			// GreenMail knows an address once mail has reached it.
			return counts;
		}
		for (JsonNode message : json.readTree(response.body())) {
			String subject = message.path("subject").asString("");
			SUBJECTS.forEach((kind, pattern) -> {
				Matcher matcher = pattern.matcher(subject);
				if (matcher.matches()) {
					counts.computeIfAbsent(UUID.fromString(matcher.group(1)), (order) -> new HashMap<>())
						.merge(kind, 1, Integer::sum);
				}
			});
		}
		return counts;
	}

	/**
	 * Deletes all mail, so the mail server's memory holds one scenario's mail at most.
	 */
	static void purge(FaultStack stack) throws IOException, InterruptedException {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create(stack.url("GREENMAIL_API_PORT") + "/api/mail/purge"))
				.timeout(Duration.ofMinutes(1))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					"GreenMail did not purge its mail: " + response.statusCode() + " " + response.body());
		}
	}

}
