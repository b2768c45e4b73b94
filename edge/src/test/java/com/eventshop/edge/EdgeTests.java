package com.eventshop.edge;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.eventshop.auth.AuthServerApplication;
import com.nimbusds.jose.jwk.source.JWKSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The gateway on a real port in front of stand-in service instances, with the real
 * authorization server beside it: a browser signs in through both, machine clients bring
 * their own tokens.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = {
		// the authorization server's classes share this class path; its
		// auto-configuration
		// belongs to the authorization server's own context, not to the gateway's
		"spring.autoconfigure.exclude=org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
				+ "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
		"eventshop.edge.placement-limit.capacity=3",
		// nothing refills during a test, so the limit
		// does not depend on the machine's speed
		"eventshop.edge.placement-limit.refill-period=1h" })
class EdgeTests {

	private static final int EDGE_PORT = TestSocketUtils.findAvailableTcpPort();

	private static final Upstream orderA = new Upstream("order-a");

	private static final Upstream orderB = new Upstream("order-b");

	private static final Upstream inventory = new Upstream("inventory");

	private static final Upstream analytics = new Upstream("analytics");

	/** Takes connections and never answers: a service that hangs. */
	private static final BrokenUpstream silent = new BrokenUpstream(BrokenUpstream.Failure.SILENT);

	private static ConfigurableApplicationContext authServer;

	private static String issuer;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		if (authServer == null) {
			authServer = AuthServerApplication.application()
				// a free port: default properties lose to auth-server.yml's 9000,
				// arguments win
				.properties("EDGE_URL=" + edge(""), "EVENTSHOP_DEMO_PASSWORD_ADA=ada-test-password",
						"EVENTSHOP_DEMO_PASSWORD_GRACE=grace-test-password",
						// under the edge's 60 s clock skew: each call counts the token as
						// expired and renews it with the refresh token
						"AUTH_ACCESS_TOKEN_TTL=30s")
				.run("--server.port=0");
			issuer = "http://localhost:" + authServer.getEnvironment().getProperty("local.server.port");
		}
		registry.add("server.port", () -> EDGE_PORT);
		registry.add("AUTH_ISSUER_URI", () -> issuer);
		registry.add("ORDER_SERVICE_URLS", () -> orderA.url() + "," + orderB.url());
		registry.add("INVENTORY_SERVICE_URLS", inventory::url);
		registry.add("ANALYTICS_SERVICE_URLS", analytics::url);
		// nothing listens there
		registry.add("EMAIL_SERVICE_URLS", () -> "http://127.0.0.1:" + TestSocketUtils.findAvailableTcpPort());
		registry.add("SHIPPING_SERVICE_URLS", silent::url);
		// the silent service is given up on after this; nothing answers, however long
		registry.add("EDGE_READ_TIMEOUT", () -> "2s");
	}

	@AfterAll
	static void stopAll() {
		orderA.close();
		orderB.close();
		inventory.close();
		analytics.close();
		silent.close();
		if (authServer != null) {
			authServer.close();
		}
	}

	@BeforeEach
	void forgetEarlierRequests() {
		orderA.forget();
		orderB.forget();
		inventory.forget();
		analytics.forget();
	}

	@Test
	void anAnonymousBrowserIsSentToSignInWithPkce() throws Exception {
		Browser browser = new Browser();

		HttpResponse<String> page = browser.get(edge("/api/orders?customerId=ada"));
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(Browser.location(page)).isEqualTo(edge("/oauth2/authorization/eventshop"));
		HttpResponse<String> toIssuer = browser.get(Browser.location(page));

		URI authorize = Browser.location(toIssuer);
		var query = UriComponentsBuilder.fromUri(authorize).build().getQueryParams();
		assertThat(authorize.toString()).startsWith(issuer + "/oauth2/authorize");
		assertThat(query.getFirst("client_id")).isEqualTo("edge");
		assertThat(query.getFirst("code_challenge")).isNotBlank();
		assertThat(query.getFirst("code_challenge_method")).isEqualTo("S256");
		assertThat(received()).isEmpty();
	}

	@Test
	void anAnonymousApiCallGetsAProblemAndReachesNoService() throws Exception {
		HttpResponse<String> answer = new Browser()
			.send(HttpRequest.newBuilder(edge("/api/stock/SKU-1")).header("Accept", "application/json"));

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains("urn:eventshop:problem:unauthorized");
		assertThat(received()).isEmpty();
	}

	@Test
	void aSignedInCustomersCallsCarryHerTokenAndAlternateBetweenInstances() throws Exception {
		Browser ada = new Browser();
		HttpResponse<String> landed = ada.signIn(edge("/api/orders/41"), "ada", "ada-test-password");
		assertThat(landed.statusCode()).isEqualTo(200);
		forgetEarlierRequests();

		List<String> instances = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> answer = ada
				.send(HttpRequest.newBuilder(edge("/api/orders/42")).header("Accept", "application/json"));
			assertThat(answer.statusCode()).isEqualTo(200);
			instances.add(answer.body());
			assertSecurityHeaders(answer);
		}

		assertThat(instances).containsOnly("{\"instance\":\"order-a\"}", "{\"instance\":\"order-b\"}");
		assertThat(instances.get(1)).isNotEqualTo(instances.get(0));
		assertThat(instances.get(2)).isEqualTo(instances.get(0));
		assertThat(instances.get(3)).isEqualTo(instances.get(1));
		List<Upstream.Received> received = received();
		assertThat(received).hasSize(4).allSatisfy((request) -> {
			assertThat(request.path()).isEqualTo("/api/orders/42");
			assertThat(request.cookies()).as("the session cookie stays at the edge").isEmpty();
			Jwt token = verified(request);
			assertThat(token.getSubject()).isEqualTo("ada");
			assertThat(token.getClaimAsStringList("roles")).containsExactly("customer");
			assertThat(token.getAudience()).containsExactly("eventshop");
		});
	}

	@Test
	void theRootLeadsASignedInBrowserToTheConsoleServedUnderTheContentSecurityPolicy() throws Exception {
		Browser grace = new Browser();
		HttpResponse<String> shop = grace.signIn(edge("/"), "grace", "grace-test-password");

		assertThat(shop.statusCode()).isEqualTo(200);
		assertThat(shop.uri().getPath()).isEqualTo("/console/index.html");
		// scripts only as module files: the policy allows no inline script
		assertThat(shop.body()).contains("<script type=\"module\" src=\"/console/shop.js\"></script>")
			.doesNotContain("<script>")
			.doesNotContain("style=");
		assertSecurityHeaders(shop);
		HttpResponse<String> me = grace
			.send(HttpRequest.newBuilder(edge("/console/me")).header("Accept", "application/json"));
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains("\"id\":\"grace\"").contains("\"operator\":false");
	}

	@Test
	void anExpiringAccessTokenIsRenewedWithTheRefreshTokenBeforeItIsRelayed() throws Exception {
		Browser ada = signedIn("ada", "ada-test-password");

		for (int i = 0; i < 2; i++) {
			assertThat(ada.send(HttpRequest.newBuilder(edge("/api/orders/42")).header("Accept", "application/json"))
				.statusCode()).isEqualTo(200);
		}

		List<Jwt> relayed = received().stream().map(EdgeTests::verified).toList();
		assertThat(relayed).hasSize(2).allSatisfy((token) -> assertThat(token.getSubject()).isEqualTo("ada"));
		assertThat(relayed.get(1).getId()).isNotEqualTo(relayed.get(0).getId());
	}

	@Test
	void aCustomerPastThePlacementLimitGets429WhileAnotherIsUnaffected() throws Exception {
		Browser ada = signedIn("ada", "ada-test-password");
		Browser grace = signedIn("grace", "grace-test-password");

		for (int i = 0; i < 3; i++) {
			assertThat(placeOrder(ada).statusCode()).isEqualTo(200);
		}
		HttpResponse<String> refused = placeOrder(ada);
		HttpResponse<String> graces = placeOrder(grace);

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("urn:eventshop:problem:rate-limited");
		assertThat(graces.statusCode()).isEqualTo(200);
		assertThat(received()).extracting((request) -> verified(request).getSubject())
			.containsExactlyInAnyOrder("ada", "ada", "ada", "grace");
	}

	@Test
	void aBrowserPostWithoutTheCsrfTokenIsRefused() throws Exception {
		Browser ada = signedIn("ada", "ada-test-password");

		HttpResponse<String> answer = ada.send(HttpRequest.newBuilder(edge("/api/orders/42/cancel"))
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.noBody()));

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(received()).isEmpty();
	}

	@Test
	void aMachineClientsBearerTokenIsCheckedAndPassedOn() throws Exception {
		String token = clientCredentialsToken("demo", "demo-demo-secret");

		HttpResponse<String> stock = new Browser().send(HttpRequest.newBuilder(edge("/api/stock/SKU-1"))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token));
		HttpResponse<String> placed = new Browser().send(HttpRequest.newBuilder(edge("/api/orders"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString("{}")));
		HttpResponse<String> forged = new Browser().send(HttpRequest.newBuilder(edge("/api/stock/SKU-1"))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token.substring(0, token.length() - 4) + "AAAA"));

		assertThat(stock.statusCode()).isEqualTo(200);
		assertThat(stock.body()).contains("inventory");
		assertThat(placed.statusCode()).isEqualTo(200);
		assertThat(forged.statusCode()).isEqualTo(401);
		assertThat(received()).hasSize(2)
			.allSatisfy((request) -> assertThat(request.authorization()).containsExactly("Bearer " + token));
	}

	@Test
	void aServiceThatCannotBeReachedIsAnUnavailableProblemWithRetryAfter() throws Exception {
		String token = clientCredentialsToken("demo", "demo-demo-secret");

		HttpResponse<String> answer = new Browser().send(HttpRequest.newBuilder(edge("/api/emails?orderId=42"))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token));

		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(answer.body()).contains("urn:eventshop:problem:service-unavailable");
	}

	@Test
	void aServiceThatTakesTheRequestButNeverAnswersIsAGatewayTimeoutProblem() throws Exception {
		String token = clientCredentialsToken("demo", "demo-demo-secret");

		HttpResponse<String> answer = new Browser().send(HttpRequest.newBuilder(edge("/api/shipments/42"))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token));

		assertThat(answer.statusCode()).isEqualTo(504);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(answer.body()).contains("urn:eventshop:problem:gateway-timeout");
		assertThat(silent.accepted()).as("the request reached the silent service").isPositive();
	}

	/**
	 * The gateway's rows of the authorization corpus: every API route it serves (on a
	 * reachable service) against every kind of caller. The edge checks who calls (a valid
	 * token of this issuer for this audience), the services check what each caller may
	 * do: a good token of either role is relayed unchanged, anything else is a 401
	 * problem that reaches no service.
	 */
	@Test
	void everyRouteLetsGoodTokensThroughAndStopsEveryOtherCaller() throws Exception {
		TestTokens tokens = tokens();
		Map<String, String> good = Map.of("customer", tokens.customer("corpus-customer"), "operator",
				tokens.operator("corpus-operator"));
		Map<String, String> bad = Map.of("expired", tokens.expired("corpus-customer"), "another key",
				tokens.otherKey("corpus-customer"), "another audience", tokens.otherAudience("corpus-customer"),
				"another issuer", tokens.otherIssuer("corpus-customer"), "not a JWT", "not-a-jwt");
		List<String> routes = List.of("GET /api/products", "GET /api/orders", "GET /api/orders/42", "POST /api/orders",
				"POST /api/orders/42/cancel", "GET /api/stock", "GET /api/stock/SKU-1", "PUT /api/stock/SKU-1");
		List<String> wrong = new ArrayList<>();
		int cases = 0;
		for (String route : routes) {
			String method = route.substring(0, route.indexOf(' '));
			URI uri = edge(route.substring(route.indexOf(' ') + 1));
			for (Map.Entry<String, String> caller : good.entrySet()) {
				forgetEarlierRequests();
				HttpResponse<String> answer = call(method, uri, caller.getValue());
				cases++;
				List<Upstream.Received> relayed = received();
				if (answer.statusCode() != 200 || relayed.size() != 1
						|| !relayed.get(0).authorization().equals(List.of("Bearer " + caller.getValue()))) {
					wrong.add(route + " as " + caller.getKey() + ": " + answer.statusCode() + ", relayed " + relayed);
				}
			}
			Map<String, String> refused = new java.util.LinkedHashMap<>(bad);
			refused.put("anonymous", "");
			for (Map.Entry<String, String> caller : refused.entrySet()) {
				forgetEarlierRequests();
				HttpResponse<String> answer = call(method, uri, caller.getValue());
				cases++;
				if (answer.statusCode() != 401 || !answer.body().contains("urn:eventshop:problem:unauthorized")
						|| !received().isEmpty()) {
					wrong.add(route + " as " + caller.getKey() + ": " + answer.statusCode() + " " + answer.body());
				}
			}
		}
		assertThat(wrong).as("of %d cases", cases).isEmpty();
		assertThat(cases).isEqualTo(routes.size() * (good.size() + bad.size() + 1));
	}

	/**
	 * The analytics rebuild is the one operator endpoint the gateway routes: a customer's
	 * valid token is refused at the door, an operator's is relayed.
	 */
	@Test
	void theAnalyticsRebuildIsRoutedForOperatorsAndRefusedToCustomersAtTheDoor() throws Exception {
		TestTokens tokens = tokens();
		URI rebuild = edge("/api/admin/projections/rebuild");

		for (String method : List.of("GET", "POST")) {
			HttpResponse<String> refused = call(method, rebuild, tokens.customer("corpus-customer"));
			assertThat(refused.statusCode()).as(method).isEqualTo(403);
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(refused.body()).contains("urn:eventshop:problem:forbidden", "operator role");
			assertThat(refused.headers().firstValue("WWW-Authenticate"))
				.hasValue("Bearer error=\"insufficient_scope\"");
		}
		assertThat(received()).isEmpty();

		String operator = tokens.operator("corpus-operator");
		for (String method : List.of("GET", "POST")) {
			assertThat(call(method, rebuild, operator).statusCode()).as(method).isEqualTo(200);
		}
		assertThat(received())
			.extracting((request) -> request.method() + " " + request.path(), Upstream.Received::authorization)
			.containsExactly(tuple("GET /api/admin/projections/rebuild", List.of("Bearer " + operator)),
					tuple("POST /api/admin/projections/rebuild", List.of("Bearer " + operator)));
		assertThat(call("GET", edge("/api/admin/dead-letters"), operator).statusCode()).isEqualTo(404);
	}

	/** Tokens signed with the authorization server's own keys. */
	@SuppressWarnings("unchecked")
	private static TestTokens tokens() {
		return new TestTokens(authServer.getBean(JWKSource.class), issuer);
	}

	private static HttpResponse<String> call(String method, URI uri, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Accept", "application/json")
			.header("Content-Type", "application/json")
			.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString("{}"));
		if (!token.isEmpty()) {
			request.header("Authorization", "Bearer " + token);
		}
		return new Browser().send(request);
	}

	private Browser signedIn(String user, String password) throws Exception {
		Browser browser = new Browser();
		assertThat(browser.signIn(edge("/api/products"), user, password).statusCode()).isEqualTo(200);
		forgetEarlierRequests();
		return browser;
	}

	private static HttpResponse<String> placeOrder(Browser browser) throws Exception {
		return browser.send(HttpRequest.newBuilder(edge("/api/orders"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("X-XSRF-TOKEN", browser.csrfToken())
			.POST(HttpRequest.BodyPublishers.ofString("{\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}")));
	}

	private static void assertSecurityHeaders(HttpResponse<String> answer) {
		assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(csp) -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
		assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		assertThat(answer.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((cache) -> assertThat(cache).contains("no-store"));
	}

	private static Jwt verified(Upstream.Received request) {
		assertThat(request.authorization()).hasSize(1);
		String header = request.authorization().get(0);
		assertThat(header).startsWith("Bearer ");
		return NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks").build().decode(header.substring(7));
	}

	private static String clientCredentialsToken(String clientId, String secret) {
		var form = new LinkedMultiValueMap<String, String>();
		form.add("grant_type", "client_credentials");
		Map<String, Object> answer = RestClient.create()
			.post()
			.uri(issuer + "/oauth2/token")
			.headers((headers) -> headers.setBasicAuth(clientId, secret))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		return (String) answer.get("access_token");
	}

	private static List<Upstream.Received> received() {
		List<Upstream.Received> all = new ArrayList<>(orderA.received());
		all.addAll(orderB.received());
		all.addAll(inventory.received());
		all.addAll(analytics.received());
		return all;
	}

	private static URI edge(String path) {
		return URI.create("http://localhost:" + EDGE_PORT + path);
	}

}
