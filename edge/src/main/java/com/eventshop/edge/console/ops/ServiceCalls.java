package com.eventshop.edge.console.ops;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import com.eventshop.edge.EdgeSettings;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Calls one service's operator endpoints directly (not through the public routes, which
 * expose neither the actuator nor {@code /api/admin/**} but for the analytics rebuild)
 * with the operator's own token, so the service decides what the operator may see. The
 * first instance of a service answers: dead letters and outbox rows live in Kafka and the
 * service's database, which every instance shares.
 */
@Component
class ServiceCalls {

	/** The services an operator looks after, as the edge's settings name them. */
	private final Set<String> services;

	private final EdgeSettings settings;

	private final RestClient http;

	ServiceCalls(EdgeSettings settings, RestClient.Builder http) {
		this.settings = settings;
		this.services = settings.services().keySet();
		this.http = http.build();
	}

	List<String> services() {
		return this.services.stream().sorted().toList();
	}

	boolean knows(String service) {
		return this.services.contains(service);
	}

	JsonNode json(String service, String path, String token) {
		return call(() -> this.http.get()
			.uri(uri(service, path))
			.headers((headers) -> headers.setBearerAuth(token))
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.body(JsonNode.class));
	}

	String text(String service, String path, String token) {
		return call(() -> this.http.get()
			.uri(uri(service, path))
			.headers((headers) -> headers.setBearerAuth(token))
			.accept(MediaType.TEXT_PLAIN)
			.retrieve()
			.body(String.class));
	}

	/**
	 * Passes an operator's action on, and its answer back, status and body as they are.
	 */
	ResponseEntity<String> post(String service, String path, String body, String token) {
		return this.http.post()
			.uri(uri(service, path))
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange((request, response) -> {
				String answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
				MediaType type = response.getHeaders().getContentType();
				return ResponseEntity.status(response.getStatusCode())
					.header(HttpHeaders.CONTENT_TYPE,
							(type != null) ? type.toString() : MediaType.APPLICATION_JSON_VALUE)
					.body(answer);
			});
	}

	/**
	 * Places something as a machine client: the answer's status and body, whatever they
	 * are.
	 */
	ResponseEntity<JsonNode> postAs(String service, String path, String body, String token, String idempotencyKey) {
		return this.http.post().uri(uri(service, path)).headers((headers) -> {
			headers.setBearerAuth(token);
			headers.set("Idempotency-Key", idempotencyKey);
		})
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
				.body(response.getStatusCode().is2xxSuccessful() ? response.bodyTo(JsonNode.class) : null));
	}

	private URI uri(String service, String path) {
		URI base = this.settings.services().get(service).getFirst();
		return URI.create(base.toString().replaceAll("/$", "") + path);
	}

	private static <T> T call(Supplier<T> call) {
		try {
			T answer = call.get();
			if (answer == null) {
				throw new Unanswered("an empty answer");
			}
			return answer;
		}
		catch (HttpStatusCodeException ex) {
			if (ex.getStatusCode() == HttpStatus.UNAUTHORIZED || ex.getStatusCode() == HttpStatus.FORBIDDEN) {
				throw new NotAnOperator();
			}
			throw new Unanswered("HTTP " + ex.getStatusCode().value());
		}
		catch (ResourceAccessException ex) {
			throw new Unanswered("not reachable");
		}
	}

	/** The service refused the caller's token for its operator endpoints. */
	static final class NotAnOperator extends RuntimeException {

		NotAnOperator() {
			super("The operator role is needed", null, false, false);
		}

	}

	/** No usable answer from the service. */
	static final class Unanswered extends RuntimeException {

		Unanswered(String why) {
			super(why, null, false, false);
		}

	}

}
