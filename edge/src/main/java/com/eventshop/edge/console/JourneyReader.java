package com.eventshop.edge.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Reads one order's journey from the services that know a part of it, as the signed-in
 * customer (their relayed token): the order and its history, its own events (ids,
 * causation ids, trace), the e-mails sent for it and its shipment. The services decide
 * what the caller may see: another customer's order is {@code 404} at the order service,
 * and then nothing else is asked.
 */
@Component
class JourneyReader {

	/** Where an order's journey ends; after these only e-mails may still follow. */
	static final Set<String> FINAL_STATES = Set.of("SHIPPED", "REJECTED", "CANCELLED");

	private final LoadBalancerClient instances;

	private final JsonMapper json;

	private final RestClient http;

	JourneyReader(LoadBalancerClient instances, JsonMapper json) {
		this.instances = instances;
		this.json = json;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
		requests.setReadTimeout(Duration.ofSeconds(10));
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	/**
	 * The journey as it is now: {@code order}, {@code events}, {@code emails} and
	 * {@code shipment} (each {@code null} while its service has nothing or does not
	 * answer), or empty when the order service does not show the caller this order.
	 */
	@Nullable ObjectNode read(UUID orderId, String accessToken) {
		Answer order = get("order-service", "/api/orders/" + orderId, accessToken);
		if (order.status() == HttpStatus.NOT_FOUND.value() || order.status() == HttpStatus.FORBIDDEN.value()) {
			return null;
		}
		ObjectNode journey = this.json.createObjectNode();
		journey.set("order", order.body());
		journey.set("events", get("order-service", "/api/orders/" + orderId + "/events", accessToken).body());
		journey.set("emails", get("email-service", "/api/emails?orderId=" + orderId, accessToken).body());
		journey.set("shipment", get("shipping-service", "/api/shipments/" + orderId, accessToken).body());
		return journey;
	}

	static boolean isFinal(ObjectNode journey) {
		return FINAL_STATES.contains(journey.path("order").path("status").asString(""));
	}

	private Answer get(String serviceId, String path, String accessToken) {
		ServiceInstance instance = this.instances.choose(serviceId);
		if (instance == null) {
			return new Answer(HttpStatus.SERVICE_UNAVAILABLE.value(), null);
		}
		URI uri = URI.create(instance.getUri() + path);
		try {
			return this.http.get()
				.uri(uri)
				.headers((headers) -> headers.setBearerAuth(accessToken))
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					JsonNode body = (status == 200) ? this.json.readTree(response.getBody()) : null;
					return new Answer(status, body);
				});
		}
		catch (RuntimeException ex) {
			// a service that is down leaves its part of the journey empty for now
			return new Answer(HttpStatus.SERVICE_UNAVAILABLE.value(), null);
		}
	}

	private record Answer(int status, @Nullable JsonNode body) {

	}

}
