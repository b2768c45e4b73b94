package com.eventshop.system.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's dead letters as its operator sees them: through the admin endpoints
 * ({@code /api/admin/dead-letters}), with the operator scripts' token.
 */
final class DeadLetterDesk {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final Supplier<String> authorization;

	/**
	 * @param serviceUrl where the service listens
	 * @param authorization the operator's {@code Authorization} header, fresh at each
	 * call
	 */
	DeadLetterDesk(String serviceUrl, Supplier<String> authorization) {
		this.baseUrl = serviceUrl + "/api/admin/dead-letters";
		this.authorization = authorization;
	}

	/** Every dead letter of the service, with its status. */
	List<Letter> list() throws IOException, InterruptedException {
		List<Letter> letters = new ArrayList<>();
		for (int page = 0;; page++) {
			JsonNode answer = send(HttpRequest.newBuilder(URI.create(this.baseUrl + "?size=500&page=" + page)).GET());
			for (JsonNode letter : answer.get("content")) {
				letters.add(new Letter(letter.get("group").asString(), letter.get("topic").asString(),
						letter.get("partition").asInt(), letter.get("offset").asLong(), text(letter, "key"),
						text(letter, "eventId"), text(letter, "reason"), letter.get("status").asString()));
			}
			if (letters.size() >= answer.get("totalElements").asLong() || answer.get("content").isEmpty()) {
				return letters;
			}
		}
	}

	/** Replays these dead letters to the group; returns how many were replayed. */
	int replay(List<Letter> letters) throws IOException, InterruptedException {
		return act("replay", Map.of("records", refs(letters))).get("replayed").asInt();
	}

	/** Parks these dead letters with a note; returns how many were parked. */
	int park(List<Letter> letters, String note) throws IOException, InterruptedException {
		return act("park", Map.of("records", refs(letters), "note", note)).get("parked").asInt();
	}

	private JsonNode act(String action, Map<String, Object> selection) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/" + action))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(selection))));
	}

	private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(
				request.header("Authorization", this.authorization.get()).timeout(Duration.ofMinutes(1)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"dead-letter endpoint answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	private static List<Map<String, Object>> refs(List<Letter> letters) {
		return letters.stream()
			.map((letter) -> Map.<String, Object>of("topic", letter.topic(), "partition", letter.partition(), "offset",
					letter.offset()))
			.toList();
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	/** One dead letter: where it is, what it was, and what the operator did with it. */
	record Letter(String group, String topic, int partition, long offset, @Nullable String key,
			@Nullable String eventId, @Nullable String reason, String status) {
	}

}
