package com.eventshop.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.eventshop.auth.AuthServerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge's Swagger UI page lists every service's OpenAPI document, and each listed
 * document is fetched through the gateway from the service itself: stand-in instances
 * here, serving the committed {@code docs/api/<service>.json}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		// the authorization server's classes share this class path; its
		// auto-configuration belongs to its own context, not to the gateway's
		"spring.autoconfigure.exclude=org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
				+ "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiDocsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> SERVICES = List.of("order-service", "inventory-service", "email-service",
			"shipping-service", "analytics-service");

	private static final Map<String, Upstream> services = SERVICES.stream()
		.collect(Collectors.toMap(Function.identity(), ApiDocsTests::documentServer));

	private static ConfigurableApplicationContext authServer;

	@LocalServerPort
	int port;

	@Autowired
	EdgeSettings settings;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		if (authServer == null) {
			authServer = AuthServerApplication.application().properties("server.port=0").run();
		}
		String issuer = "http://localhost:" + authServer.getEnvironment().getProperty("local.server.port");
		registry.add("AUTH_ISSUER_URI", () -> issuer);
		services.forEach((service, server) -> registry.add("eventshop.edge.services." + service, server::url));
	}

	@AfterAll
	static void stopAll() {
		services.values().forEach(Upstream::close);
		if (authServer != null) {
			authServer.close();
		}
	}

	@Test
	void theSwaggerUiPageIsServedWithoutSigningIn() throws Exception {
		HttpResponse<String> page = get("/swagger-ui/index.html");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("swagger-ui");
		assertThat(get("/swagger-ui.html").statusCode()).as("the documented address redirects to the page")
			.isEqualTo(302);
	}

	@Test
	void thePageListsEveryServiceTheGatewayRoutesTo() throws Exception {
		JsonNode config = json.readTree(get("/v3/api-docs/swagger-config").body());

		List<String> listed = config.get("urls").valueStream().map((url) -> url.get("name").asString()).toList();
		assertThat(listed).containsExactlyInAnyOrderElementsOf(this.settings.services().keySet());
		assertThat(config.get("urls").valueStream().map((url) -> url.get("url").asString()))
			.allMatch((url) -> url.startsWith("/api-docs/"));
	}

	@Test
	void everyListedDocumentIsFetchedThroughTheGatewayFromItsService() throws Exception {
		JsonNode config = json.readTree(get("/v3/api-docs/swagger-config").body());

		for (JsonNode listed : config.get("urls")) {
			String service = listed.get("name").asString();
			HttpResponse<String> document = get(listed.get("url").asString(), "EVENTSHOP_SESSION=not-for-services");

			assertThat(document.statusCode()).as("%s through the gateway", service).isEqualTo(200);
			JsonNode read = json.readTree(document.body());
			assertThat(read).as(service).isEqualTo(json.readTree(committed(service).toFile()));
			assertThat(read.get("openapi").asString()).startsWith("3.");
			assertThat(read.at("/info/title").asString()).isEqualTo(service);
			List<Upstream.Received> received = services.get(service).received();
			assertThat(received).isNotEmpty();
			assertThat(received.getLast().path()).isEqualTo("/v3/api-docs");
			assertThat(received.getLast().cookies()).as("the browser's cookies stay at the edge").isEmpty();
		}
	}

	@Test
	@Order(Integer.MAX_VALUE) // it stops a stand-in that the other tests use
	void aServiceThatIsDownIsReportedAsUnavailable() throws Exception {
		Upstream shipping = services.get("shipping-service");
		shipping.close();

		HttpResponse<String> answer = get("/api-docs/shipping-service");

		// no instance could be reached: 503 with Retry-After, as for the API routes
		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Retry-After")).isPresent();
		assertThat(answer.body()).contains("urn:eventshop:problem:service-unavailable");
	}

	private HttpResponse<String> get(String path, String... cookies) throws IOException, InterruptedException {
		try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Accept", "application/json,text/html");
			for (String cookie : cookies) {
				request.header("Cookie", cookie);
			}
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	/** Surefire runs in the module's directory. */
	private static Path committed(String service) {
		return Path.of("..", "docs", "api", service + ".json");
	}

	/**
	 * A stand-in service that serves its committed OpenAPI document at
	 * {@code /v3/api-docs} and notes what reached it.
	 */
	private static Upstream documentServer(String service) {
		return new Upstream((path) -> path.equals("/v3/api-docs") ? new Upstream.Answer(200, document(service))
				: new Upstream.Answer(404, new byte[0]));
	}

	private static byte[] document(String service) {
		try {
			return Files.readAllBytes(committed(service));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
