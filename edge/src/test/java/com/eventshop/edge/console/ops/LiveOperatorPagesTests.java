package com.eventshop.edge.console.ops;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.eventshop.edge.Browser;
import com.eventshop.edge.console.LiveStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator pages' live streams, on a real port with the real authorization server
 * beside it and stand-ins for the services behind it: an operator's desk stream sends the
 * desk and then each change (a new dead letter), the open desk page shows that change
 * without a reload, the break-it stream sends the panel, a customer is refused every
 * operator endpoint before any service is asked, and a user's streams beyond the bound
 * are refused at once with 503 until one closes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = {
		// the authorization server's auto-configuration belongs to its own context
		"spring.autoconfigure.exclude=org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
				+ "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
		"eventshop.console.streams.per-user=2", "eventshop.console.streams.desk-interval=1s",
		"eventshop.console.streams.break-it-interval=1s" })
class LiveOperatorPagesTests {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int EDGE_PORT = TestSocketUtils.findAvailableTcpPort();

	private static final StandInService inventory = new StandInService("inventory").deadLetter(7,
			"shop.order.placed.v1", "UNREADABLE", "{not json at all");

	private static final StandInService order = new StandInService("order");

	private static final StandInService others = new StandInService("shipping");

	private static final DemoAuthServer authServer = new DemoAuthServer();

	private static HeadlessChrome chrome;

	private final List<ServerSentEvents> opened = new ArrayList<>();

	@Autowired
	private LiveStreams streams;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		authServer.register(registry, EDGE_PORT);
		registry.add("ORDER_SERVICE_URLS", order::url);
		registry.add("INVENTORY_SERVICE_URLS", inventory::url);
		registry.add("EMAIL_SERVICE_URLS", others::url);
		registry.add("SHIPPING_SERVICE_URLS", others::url);
		registry.add("ANALYTICS_SERVICE_URLS", others::url);
		// the panel is on; the stack it asks about is not there, so it lists no process
		registry.add("EVENTSHOP_BREAK_IT_ROOT", () -> System.getProperty("java.io.tmpdir"));
	}

	@BeforeAll
	static void openBrowser() {
		chrome = new HeadlessChrome();
	}

	@AfterAll
	static void stopAll() {
		if (chrome != null) {
			chrome.close();
		}
		inventory.close();
		order.close();
		others.close();
		authServer.close();
	}

	@AfterEach
	void hangUp() throws Exception {
		for (ServerSentEvents stream : this.opened) {
			stream.close();
		}
		chrome.driver().get("about:blank");
		// the edge lets a stream go once it finds its browser gone: the next test starts
		// with none open
		await().atMost(PATIENCE).until(() -> this.streams.open() == 0);
	}

	@Test
	void theDeskStreamSendsTheDeskAndThenANewDeadLetter() throws Exception {
		Browser operator = signedIn("operator", DemoAuthServer.OPERATOR_PASSWORD);
		HttpResponse<InputStream> answer = accepted(operator, "/console/ops/api/desk/stream");

		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		ServerSentEvents events = events(answer);
		String desk = events.next("desk", (data) -> data.contains("UNREADABLE"), PATIENCE);
		assertThat(desk).contains("\"service\":\"inventory-service\"", "\"consumers\"", "\"outbox\"",
				"\"stuckOrders\"");

		inventory.deadLetter(11, "shop.order.placed.v1", "SCHEMA_MISMATCH", "{\"orderId\":\"streamed\"}");

		assertThat(events.next("desk", (data) -> data.contains("SCHEMA_MISMATCH"), PATIENCE)).contains("UNREADABLE",
				"streamed");
	}

	@Test
	void theBreakItStreamSendsThePanel() throws Exception {
		Browser operator = signedIn("operator", DemoAuthServer.OPERATOR_PASSWORD);
		HttpResponse<InputStream> answer = accepted(operator, "/console/ops/api/break-it/stream");

		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		String panel = events(answer).next("panel", (data) -> true, PATIENCE);
		assertThat(panel).contains("\"breakable\"", "\"kafka\"", "\"inventory\"", "\"load\":null");
	}

	/**
	 * The edge checks the operator role itself, before it asks any service: a customer is
	 * refused every endpoint of the operator pages, streams and actions alike.
	 */
	@Test
	void aCustomerIsRefusedEveryOperatorEndpointAndNoServiceIsAsked() throws Exception {
		Browser ada = signedIn("ada", DemoAuthServer.ADA_PASSWORD);
		long asked = inventory.received() + order.received() + others.received();

		for (String endpoint : List.of("GET /console/ops/api/desk", "GET /console/ops/api/desk/stream",
				"POST /console/ops/api/dead-letters/inventory/replay",
				"POST /console/ops/api/dead-letters/inventory/park", "GET /console/ops/api/break-it",
				"GET /console/ops/api/break-it/stream", "POST /console/ops/api/break-it/processes/inventory/kill",
				"POST /console/ops/api/break-it/poison", "POST /console/ops/api/break-it/load?rate=1",
				"POST /console/ops/api/break-it/load/stop")) {
			String method = endpoint.split(" ")[0];
			String path = endpoint.split(" ")[1];
			HttpResponse<String> answer = ada.send(HttpRequest.newBuilder(edge(path))
				.header("Accept", path.endsWith("/stream") ? "text/event-stream" : "application/json")
				.header("Content-Type", "application/json")
				.header("X-XSRF-TOKEN", ada.csrfToken())
				.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{\"all\":true}")
						: HttpRequest.BodyPublishers.noBody()));
			assertThat(answer.statusCode()).as(endpoint).isEqualTo(403);
			assertThat(answer.headers().firstValue("Content-Type")).as(endpoint)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			JsonNode problem = JSON.readTree(answer.body());
			assertThat(problem.path("type").asString()).as(endpoint).isEqualTo("urn:eventshop:problem:forbidden");
			assertThat(problem.path("detail").asString()).as(endpoint)
				.isEqualTo("This request needs the operator role.");
		}
		assertThat(inventory.received() + order.received() + others.received()).as("requests the services saw")
			.isEqualTo(asked);
		assertThat(inventory.actions()).isEmpty();
	}

	@Test
	void streamsBeyondAUsersBoundAreRefusedAtOnceUntilOneCloses() throws Exception {
		Browser operator = signedIn("operator", DemoAuthServer.OPERATOR_PASSWORD);
		// the bound is two
		ServerSentEvents first = deskOf(operator);
		deskOf(operator);

		HttpResponse<String> third = operator
			.send(HttpRequest.newBuilder(edge("/console/ops/api/desk/stream")).header("Accept", "text/event-stream"));

		assertThat(third.statusCode()).isEqualTo(503);
		assertThat(third.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(third.headers().firstValue("Retry-After")).isPresent();
		assertThat(third.body()).contains("Too many live pages open");

		first.close();
		deskOf(operator);
	}

	@Test
	void theOpenDeskShowsANewDeadLetterWithoutAReload() {
		WebDriver browser = chrome.driver();
		signIn(browser, "/console/operator.html", "operator", DemoAuthServer.OPERATOR_PASSWORD);
		await().atMost(PATIENCE).ignoreExceptions().until(() -> rowsWith(browser, "UNREADABLE") > 0);
		assertThat(browser.findElement(By.id("live")).getText()).isEqualTo("live");
		((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

		inventory.deadLetter(12, "shop.order.placed.v1", "VERSION_UNKNOWN", "{\"orderId\":\"pushed\"}");

		await().atMost(PATIENCE).ignoreExceptions().until(() -> rowsWith(browser, "VERSION_UNKNOWN") > 0);
		assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument === true;"))
			.isEqualTo(true);
		assertThat(browser.findElement(By.id("live")).getText()).isEqualTo("live");
	}

	/** A desk stream that has sent its first desk. */
	private ServerSentEvents deskOf(Browser user) {
		ServerSentEvents events = events(accepted(user, "/console/ops/api/desk/stream"));
		events.next("desk", (data) -> true, PATIENCE);
		return events;
	}

	/**
	 * Opens a stream, waiting while the user's streams of an earlier test still count:
	 * the edge lets one go once it finds its browser gone.
	 */
	private static HttpResponse<InputStream> accepted(Browser user, String stream) {
		return await().atMost(PATIENCE).until(() -> {
			HttpResponse<InputStream> tried = open(user, stream);
			if (tried.statusCode() != 200) {
				tried.body().close();
			}
			return tried;
		}, (tried) -> tried.statusCode() == 200);
	}

	private ServerSentEvents events(HttpResponse<InputStream> answer) {
		ServerSentEvents events = new ServerSentEvents(answer.body());
		this.opened.add(events);
		return events;
	}

	private static HttpResponse<InputStream> open(Browser user, String stream) throws Exception {
		return user.send(HttpRequest.newBuilder(edge(stream)).header("Accept", "text/event-stream"),
				HttpResponse.BodyHandlers.ofInputStream());
	}

	private static Browser signedIn(String user, String password) throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> landed = browser.signIn(edge("/"), user, password);
		assertThat(landed.statusCode()).isEqualTo(200);
		return browser;
	}

	private static void signIn(WebDriver browser, String page, String user, String password) {
		browser.manage().deleteAllCookies();
		browser.get(edge(page).toString());
		if (!browser.getCurrentUrl().startsWith(edge(page).toString())) {
			await().atMost(PATIENCE).until(() -> !browser.findElements(By.id("username")).isEmpty());
			browser.findElement(By.id("username")).sendKeys(user);
			browser.findElement(By.id("password")).sendKeys(password);
			browser.findElement(By.cssSelector("button[type=submit]")).click();
		}
		await().atMost(PATIENCE).until(() -> browser.getCurrentUrl().startsWith(edge(page).toString()));
	}

	private static long rowsWith(WebDriver browser, String text) {
		return browser.findElements(By.cssSelector("#dead-letters tbody tr"))
			.stream()
			.filter((row) -> row.getText().contains(text))
			.count();
	}

	private static URI edge(String path) {
		return URI.create("http://localhost:" + EDGE_PORT + path);
	}

}
