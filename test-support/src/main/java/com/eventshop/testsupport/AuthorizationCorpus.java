package com.eventshop.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.eventshop.events.EventTypes;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The authorization corpus every service runs: each endpoint of the service (read from
 * its request mappings, so an endpoint without a rule fails
 * {@link #everyEndpointHasARule}) is called by every kind of {@link Caller}, and the
 * status must be what the endpoint's {@link Rule} says. Anonymous callers and tokens that
 * are expired, signed by another key or meant for another audience are always
 * {@code 401}. No response to anyone but customer A and the operator may contain any of
 * {@link #secretsOfA()}.
 * <p>
 * A service's test extends this class, annotated as its other Spring Boot tests are (a
 * running server on a random port with {@link WithTestInfrastructure}), and lists its
 * rules; customer A owns the data the rules' requests name.
 */
public abstract class AuthorizationCorpus {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	protected int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	/**
	 * Who calls: the two customers, the operator, no one, and three tokens no service may
	 * accept.
	 */
	public enum Caller {

		ANONYMOUS, CUSTOMER_A, CUSTOMER_B, OPERATOR, EXPIRED, SIGNED_BY_ANOTHER_KEY, FOR_ANOTHER_AUDIENCE;

		@Nullable String token() {
			return switch (this) {
				case ANONYMOUS -> null;
				case CUSTOMER_A -> TestTokens.customerA();
				case CUSTOMER_B -> TestTokens.customerB();
				case OPERATOR -> TestTokens.operator();
				case EXPIRED -> TestTokens.expired();
				case SIGNED_BY_ANOTHER_KEY -> TestTokens.signedByAnotherKey();
				case FOR_ANOTHER_AUDIENCE -> TestTokens.wrongAudience();
			};
		}

	}

	/** What a valid caller gets. */
	public enum Access {

		/** Through: any answer but 401, 403, 404 or a server error. */
		ALLOWED,
		/** 404, as if the data did not exist. */
		HIDDEN,
		/** 403 with the {@code forbidden} problem. */
		FORBIDDEN

	}

	/**
	 * A request of an endpoint; the path with its variables filled in.
	 *
	 * @param path path and query
	 * @param body a JSON body, if any
	 * @param headers further headers, {@code name, value} pairs
	 */
	public record Request(String path, @Nullable String body, List<String> headers) {

		public static Request of(String path) {
			return new Request(path, null, List.of());
		}

		public static Request of(String path, String body, String... headers) {
			return new Request(path, body, List.of(headers));
		}

	}

	/**
	 * How an endpoint answers each valid caller.
	 *
	 * @param request makes the request (it may create what it names, anew for each call)
	 * @param customerA customer A, who owns what the request names
	 * @param customerB customer B, who owns none of it
	 * @param operator the operator
	 */
	public record Rule(Supplier<Request> request, Access customerA, Access customerB, Access operator) {

		/** Catalog-like reads: any valid token. */
		public static Rule anyCaller(Supplier<Request> request) {
			return new Rule(request, Access.ALLOWED, Access.ALLOWED, Access.ALLOWED);
		}

		/** Customer A's data: A and the operator; B gets 404. */
		public static Rule ownerOnly(Supplier<Request> request) {
			return new Rule(request, Access.ALLOWED, Access.HIDDEN, Access.ALLOWED);
		}

		/** Operator endpoints: customers get 403. */
		public static Rule operatorOnly(Supplier<Request> request) {
			return new Rule(request, Access.FORBIDDEN, Access.FORBIDDEN, Access.ALLOWED);
		}

		Access of(Caller caller) {
			return switch (caller) {
				case CUSTOMER_A -> this.customerA;
				case CUSTOMER_B -> this.customerB;
				case OPERATOR -> this.operator;
				default -> throw new IllegalArgumentException(caller + " has no access");
			};
		}

	}

	/**
	 * The rules by endpoint, {@code "METHOD /pattern"} as the controller maps it, e.g.
	 * {@code "GET /api/orders/{id}"}.
	 */
	protected abstract Map<String, Rule> rules();

	/**
	 * What of customer A's no one else may read: ids of A's orders, A's name, e-mail and
	 * address. Asked after each request, so it may grow as requests create data.
	 */
	protected abstract List<String> secretsOfA();

	/**
	 * Customer A's name, e-mail and address line, as {@link #orderPlacedOfA} has them.
	 */
	protected static final List<String> PROFILE_OF_A = List.of("Ada Lovelace", "ada.a@example.com",
			"7 Quiet Lane of A");

	/**
	 * An {@code OrderPlaced} of customer A (the golden example with A's profile), for the
	 * services that learn their orders from events.
	 */
	protected static ObjectNode orderPlacedOfA(UUID orderId) {
		ObjectNode event = EventPublisher.golden(EventTypes.ORDER_PLACED_V1, orderId);
		event.putObject("customer")
			.put("id", TestTokens.CUSTOMER_A)
			.put("name", PROFILE_OF_A.get(0))
			.put("email", PROFILE_OF_A.get(1));
		event.withObject("/shippingAddress").put("line1", PROFILE_OF_A.get(2));
		return event;
	}

	/**
	 * Publishes an {@code OrderPlaced} of customer A and waits until the service shows
	 * what it made of it to the operator, for the services that learn their orders from
	 * events.
	 * @param publisher the test's publisher
	 * @param path where the operator reads it, e.g. {@code /api/shipments/<order id>}
	 * @param shown whether an answer there shows it
	 * @return the order's id
	 */
	protected UUID publishOrderOfA(EventPublisher publisher, Function<UUID, String> path,
			Predicate<HttpResponse<String>> shown) {
		UUID orderId = UUID.randomUUID();
		publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(), orderPlacedOfA(orderId));
		await().atMost(Duration.ofMinutes(2))
			.until(() -> shown.test(send("GET", Request.of(path.apply(orderId)), TestTokens.operator())));
		return orderId;
	}

	/**
	 * {@link #PROFILE_OF_A} and the id of one of A's orders: A's secrets in a service.
	 */
	protected static List<String> profileOfAAnd(UUID orderOfA) {
		List<String> secrets = new ArrayList<>(PROFILE_OF_A);
		secrets.add(orderOfA.toString());
		return secrets;
	}

	/**
	 * The rules of the operator endpoints common-messaging gives every service: the dead
	 * letters of a consuming service, and the outbox's parked rows.
	 */
	protected static Map<String, Rule> deadLetterRules() {
		String selection = "{\"records\":[]}";
		return Map.of("GET /api/admin/dead-letters", Rule.operatorOnly(() -> Request.of("/api/admin/dead-letters")),
				"POST /api/admin/dead-letters/replay",
				Rule.operatorOnly(() -> Request.of("/api/admin/dead-letters/replay", selection)),
				"POST /api/admin/dead-letters/park",
				Rule.operatorOnly(() -> Request.of("/api/admin/dead-letters/park", selection)),
				"GET /api/admin/dead-letters/actions",
				Rule.operatorOnly(() -> Request.of("/api/admin/dead-letters/actions")),
				"GET /api/admin/dead-letters/unexpected",
				Rule.operatorOnly(() -> Request.of("/api/admin/dead-letters/unexpected")),
				"GET /api/admin/dead-letters/held", Rule.operatorOnly(() -> Request.of("/api/admin/dead-letters/held")),
				"GET /api/admin/outbox/parked", Rule.operatorOnly(() -> Request.of("/api/admin/outbox/parked")));
	}

	@Test
	void everyEndpointHasARule() {
		assertThat(new TreeSet<>(rules().keySet())).as("rules of %s's endpoints", getClass().getSimpleName())
			.isEqualTo(endpoints());
	}

	@TestFactory
	Stream<DynamicTest> everyCallerOfEveryEndpointGetsWhatItsRuleSays() {
		List<DynamicTest> tests = new ArrayList<>();
		new TreeMap<>(rules()).forEach((endpoint, rule) -> {
			for (Caller caller : Caller.values()) {
				tests.add(DynamicTest.dynamicTest(endpoint + " as " + caller, () -> check(endpoint, rule, caller)));
			}
		});
		return tests.stream();
	}

	@Test
	void healthIsOpenWithoutDetailsAndMetricsAreTheOperators() {
		HttpResponse<String> anonymous = send("GET", Request.of("/actuator/health"), null);
		assertThat(anonymous.statusCode()).isIn(200, 503);
		assertThat(anonymous.body()).doesNotContain("components").doesNotContain("details");
		HttpResponse<String> customer = send("GET", Request.of("/actuator/health"), TestTokens.customerA());
		assertThat(customer.body()).doesNotContain("components");
		assertThat(send("GET", Request.of("/actuator/health"), TestTokens.operator()).body()).contains("components");
		for (String path : List.of("/actuator/prometheus", "/actuator/metrics")) {
			assertThat(send("GET", Request.of(path), null).statusCode()).as(path).isEqualTo(401);
			assertThat(send("GET", Request.of(path), TestTokens.customerA()).statusCode()).as(path).isEqualTo(403);
			assertThat(send("GET", Request.of(path), TestTokens.operator()).statusCode()).as(path).isEqualTo(200);
		}
	}

	private void check(String endpoint, Rule rule, Caller caller) {
		String method = endpoint.substring(0, endpoint.indexOf(' '));
		Request request = rule.request().get();
		HttpResponse<String> response = send(method, request, caller.token());
		String what = endpoint + " as " + caller + ": " + response.statusCode() + " " + response.body();
		switch (caller) {
			case CUSTOMER_A, CUSTOMER_B, OPERATOR -> {
				switch (rule.of(caller)) {
					case ALLOWED -> assertThat(response.statusCode()).as(what).isNotIn(401, 403, 404).isLessThan(500);
					case HIDDEN -> assertThat(response.statusCode()).as(what).isEqualTo(404);
					case FORBIDDEN -> assertProblem(response, 403, "forbidden", what);
				}
			}
			default -> assertProblem(response, 401, "unauthorized", what);
		}
		if (caller != Caller.CUSTOMER_A && caller != Caller.OPERATOR) {
			for (String secret : secretsOfA()) {
				if (request.path().contains(secret)) {
					// the caller's own words echoed back (a 404 naming the id it asked
					// for)
					continue;
				}
				assertThat(response.body()).as("%s shows customer A's %s", what, secret).doesNotContain(secret);
			}
		}
	}

	private static void assertProblem(HttpResponse<String> response, int status, String type, String what) {
		assertThat(response.statusCode()).as(what).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
		assertThat(response.body()).as(what).contains("\"urn:eventshop:problem:" + type + "\"");
	}

	/** Every {@code /api/**} endpoint the service maps, as {@code "METHOD /pattern"}. */
	private Set<String> endpoints() {
		Set<String> endpoints = new TreeSet<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/api/")) {
					continue;
				}
				if (methods.isEmpty()) {
					endpoints.add("ANY " + pattern);
				}
				methods.forEach((method) -> endpoints.add(method.name() + " " + pattern));
			}
		}
		return endpoints;
	}

	/** Sends a request with the token, if any. */
	protected HttpResponse<String> send(String method, Request request, @Nullable String token) {
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + request.path()))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			builder.header("Authorization", TestTokens.bearer(token));
		}
		for (int i = 0; i < request.headers().size(); i += 2) {
			builder.header(request.headers().get(i), request.headers().get(i + 1));
		}
		if (request.body() != null) {
			builder.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(request.body()));
		}
		else {
			builder.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + request.path() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
