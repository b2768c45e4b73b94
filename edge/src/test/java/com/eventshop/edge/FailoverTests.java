package com.eventshop.edge;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.eventshop.auth.AuthServerApplication;
import com.nimbusds.jose.jwk.source.JWKSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of two instances of a service of which one is down or broken: a
 * request that could not be sent to one instance goes to the other, one that reached an
 * instance is never sent again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		// the authorization server's classes share this class path; its
		// auto-configuration belongs to its own context, not to the gateway's
		"spring.autoconfigure.exclude=org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
				+ "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
		"eventshop.edge.placement-limit.capacity=100" })
class FailoverTests {

	private static final int PLACEMENTS = 8;

	/** The largest body the gateway holds for another attempt (64 KB). */
	private static final int HELD_BODY_LIMIT = 64 * 1024;

	/** The live order instance: accepts every placement. */
	private static final Upstream order = new Upstream(
			(path) -> new Upstream.Answer(201, "{\"instance\":\"order-live\"}".getBytes(StandardCharsets.UTF_8)));

	private static final Upstream inventory = new Upstream("inventory");

	/** Takes a request and closes the connection without an answer. */
	private static final BrokenUpstream brokenInventory = new BrokenUpstream(BrokenUpstream.Failure.CLOSES);

	private static final Upstream shipping = new Upstream("shipping");

	/** Takes a request and never answers. */
	private static final BrokenUpstream hangingShipping = new BrokenUpstream(BrokenUpstream.Failure.HANGS);

	/** Where nothing listens: instances that are down. */
	private static final List<String> down = List.of(closedPort(), closedPort(), closedPort());

	private static ConfigurableApplicationContext authServer;

	private static String issuer;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		if (authServer == null) {
			authServer = AuthServerApplication.application().properties("server.port=0").run();
			issuer = "http://localhost:" + authServer.getEnvironment().getProperty("local.server.port");
		}
		registry.add("AUTH_ISSUER_URI", () -> issuer);
		// the first order instance is down: nothing listens on its port
		registry.add("ORDER_SERVICE_URLS", () -> down.get(0) + "," + order.url());
		registry.add("INVENTORY_SERVICE_URLS", () -> brokenInventory.url() + "," + inventory.url());
		registry.add("SHIPPING_SERVICE_URLS", () -> hangingShipping.url() + "," + shipping.url());
		// both e-mail instances are down
		registry.add("EMAIL_SERVICE_URLS", () -> down.get(1) + "," + down.get(2));
		// the hanging instance is given up on after this; nothing answers, however long
		registry.add("EDGE_READ_TIMEOUT", () -> "2s");
	}

	@AfterAll
	static void stopAll() {
		order.close();
		inventory.close();
		brokenInventory.close();
		shipping.close();
		hangingShipping.close();
		if (authServer != null) {
			authServer.close();
		}
	}

	/**
	 * Round robin sends every second placement to the instance that is down first: each
	 * of them must reach the live one, body and token as sent.
	 */
	@Test
	void everyPlacementIsAnsweredByTheLiveInstanceWhenTheOtherIsDown() throws Exception {
		String token = customerToken();
		int before = order.received().size();
		List<Integer> statuses = new ArrayList<>();
		List<String> bodies = new ArrayList<>();
		List<String> sent = new ArrayList<>();
		for (int i = 0; i < PLACEMENTS; i++) {
			String placement = "{\"lines\":[{\"sku\":\"SKU-" + i + "\",\"quantity\":1}]}";
			sent.add(placement);
			HttpResponse<String> answer = call("POST", "/api/orders", token, placement);
			statuses.add(answer.statusCode());
			bodies.add(answer.body());
		}

		assertThat(statuses).as("none refused").containsOnly(201);
		assertThat(bodies).containsOnly("{\"instance\":\"order-live\"}");
		List<Upstream.Received> received = order.received().subList(before, order.received().size());
		assertThat(received).extracting(Upstream.Received::body).containsExactlyElementsOf(sent);
		assertThat(received).allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/api/orders");
			assertThat(request.authorization()).containsExactly("Bearer " + token);
		});
	}

	/**
	 * A body too large to hold for another attempt is passed on once, as a stream: the
	 * call whose turn is the instance that is down is answered 503 instead of being held
	 * in the gateway's memory and sent again; the other reaches the live instance whole.
	 */
	@Test
	void aBodyOverTheLimitIsStreamedToOneInstanceOnly() throws Exception {
		String token = customerToken();
		String large = "{\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}],\"note\":\"" + "x".repeat(3 * HELD_BODY_LIMIT)
				+ "\"}";
		int before = order.received().size();

		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			statuses.add(call("POST", "/api/orders", token, large).statusCode());
		}

		assertThat(statuses).containsExactlyInAnyOrder(201, 503);
		List<Upstream.Received> received = order.received().subList(before, order.received().size());
		assertThat(received).hasSize(1);
		assertThat(received.get(0).body()).isEqualTo(large);
	}

	/**
	 * Two calls go one to each instance: the one whose exchange broke is answered 502 and
	 * not sent to the live instance, which sees only its own turn.
	 */
	@Test
	void aRequestThatReachedAnInstanceIsNotRetriedWhenTheExchangeBreaks() throws Exception {
		String token = customerToken();

		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> answer = call("POST", "/api/stock/SKU-1/adjustments", token, "{\"quantity\":5}");
			statuses.add(answer.statusCode());
			if (answer.statusCode() == 502) {
				assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(answer.body()).contains("urn:eventshop:problem:bad-gateway");
			}
		}

		assertThat(statuses).containsExactlyInAnyOrder(200, 502);
		assertThat(brokenInventory.requests()).as("requests that reached the broken instance").isEqualTo(1);
		assertThat(inventory.received()).hasSize(1);
	}

	/**
	 * The same for an instance that takes the request and does not answer within the read
	 * timeout: 504, and the request is not sent again.
	 */
	@Test
	void aRequestThatReachedAnInstanceIsNotRetriedWhenItTimesOut() throws Exception {
		String token = customerToken();

		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> answer = call("POST", "/api/shipments/42/dispatch", token, "{}");
			statuses.add(answer.statusCode());
			if (answer.statusCode() == 504) {
				assertThat(answer.body()).contains("urn:eventshop:problem:gateway-timeout");
			}
		}

		assertThat(statuses).containsExactlyInAnyOrder(200, 504);
		assertThat(hangingShipping.requests()).as("requests that reached the hanging instance").isEqualTo(1);
		assertThat(shipping.received()).hasSize(1);
	}

	@Test
	void aServiceWithEveryInstanceDownIsAnUnavailableProblemWithRetryAfter() throws Exception {
		HttpResponse<String> answer = call("GET", "/api/emails?orderId=42", customerToken(), null);

		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(answer.body()).contains("urn:eventshop:problem:service-unavailable")
			.contains("The service behind /api/emails could not be reached");
	}

	@SuppressWarnings("unchecked")
	private static String customerToken() {
		return new TestTokens(authServer.getBean(JWKSource.class), issuer).customer("failover-customer");
	}

	private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return new Browser().send(request);
	}

	private static String closedPort() {
		// a port that was free a moment ago: nothing here listens on it
		return "http://127.0.0.1:" + TestSocketUtils.findAvailableTcpPort();
	}

}
