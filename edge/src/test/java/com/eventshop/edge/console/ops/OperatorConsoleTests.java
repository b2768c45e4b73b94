package com.eventshop.edge.console.ops;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator pages in headless Chromium: the gateway on a real port with the real
 * authorization server beside it, signed in through the real login form, and stand-ins
 * for the services' operator endpoints behind it. An operator finds a poison record,
 * parks it with a note, replays a failed one and sees both in the audit trail, which the
 * service recorded under the operator's own name; a customer is refused the desk. The
 * stand-ins check the relayed token as the services do (operator role, else 403).
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = {
		// the authorization server's auto-configuration belongs to its own context
		"spring.autoconfigure.exclude=org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
				+ "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration" })
class OperatorConsoleTests {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private static final int EDGE_PORT = TestSocketUtils.findAvailableTcpPort();

	private static final StandInService inventory = new StandInService("inventory")
		.deadLetter(7, "shop.order.placed.v1", "UNREADABLE", "{not json at all")
		.deadLetter(8, "shop.order.placed.v1", "RETRIES_EXHAUSTED", "{\"orderId\":\"failed-once\"}");

	private static final StandInService order = new StandInService("order");

	private static final StandInService others = new StandInService("shipping");

	private static final DemoAuthServer authServer = new DemoAuthServer();

	private static HeadlessChrome chrome;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		authServer.register(registry, EDGE_PORT);
		registry.add("ORDER_SERVICE_URLS", order::url);
		registry.add("INVENTORY_SERVICE_URLS", inventory::url);
		registry.add("EMAIL_SERVICE_URLS", others::url);
		registry.add("SHIPPING_SERVICE_URLS", others::url);
		registry.add("ANALYTICS_SERVICE_URLS", others::url);
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

	@Test
	void anOperatorParksAPoisonRecordReplaysAFailedOneAndSeesBothAudited() {
		WebDriver browser = chrome.driver();
		chrome.signIn(edge("/console/operator.html"), "operator", DemoAuthServer.OPERATOR_PASSWORD);

		WebElement poison = await().atMost(PATIENCE)
			.until(() -> checkboxOfRowWith(browser, "UNREADABLE"), (box) -> box != null);
		assertThat(text(browser, "consumers")).contains("inventory").contains("42");
		assertThat(text(browser, "stuck")).contains("PENDING").contains("3,600");
		chrome.assertAccessible("operator desk");
		chrome.screenshot("operator-desk");

		poison.click();
		// by keyboard: the note, then Tab to the park button and Enter
		WebElement note = browser.findElement(By.id("park-note"));
		note.sendKeys("payload is not JSON; producer bug filed");
		note.sendKeys(Keys.TAB, Keys.ENTER);
		await().atMost(PATIENCE).until(() -> text(browser, "status").contains("Parked 1 dead letter"));

		WebElement failed = await().atMost(PATIENCE)
			.until(() -> checkboxOfRowWith(browser, "RETRIES_EXHAUSTED"), (box) -> box != null);
		failed.click();
		browser.findElement(By.id("replay-selected")).click();
		await().atMost(PATIENCE).until(() -> text(browser, "status").contains("Replayed 1 dead letter"));

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(text(browser, "audit")).contains("PARKED",
					"payload is not JSON; producer bug filed", "REPLAYED", "operator"));
		assertThat(inventory.actions())
			.extracting(
					(action) -> action.get("action") + " " + action.get("dlt_offset") + " by " + action.get("actor"))
			.containsExactly("PARKED 7 by operator", "REPLAYED 8 by operator");
		chrome.assertFitsPhoneWidth("operator-desk");
	}

	@Test
	void aCustomerIsRefusedTheDeskAndNothingIsActedOn() {
		WebDriver browser = chrome.driver();
		chrome.signIn(edge("/console/operator.html"), "ada", DemoAuthServer.ADA_PASSWORD);

		await().atMost(PATIENCE).until(() -> text(browser, "status").contains("This desk is for operators"));
		assertThat(browser.findElements(By.cssSelector("#dead-letters tbody tr"))).isEmpty();
	}

	@Test
	void theAnalyticsDashboardDrawsOrdersRevenueOutcomesAndPercentiles() {
		WebDriver browser = chrome.driver();
		chrome.signIn(edge("/console/analytics.html"), "operator", DemoAuthServer.OPERATOR_PASSWORD);

		await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector("#orders-chart svg")).isEmpty());
		assertThat(browser.findElement(By.cssSelector("[data-testid=placed]")).getText()).isEqualTo("12");
		assertThat(browser.findElement(By.cssSelector("[data-testid=rejection-rate]")).getText()).contains("16.7");
		assertThat(browser.findElements(By.cssSelector("#orders-chart rect"))).hasSize(2);
		assertThat(text(browser, "durations")).contains("480 ms", "2,600 ms");
		assertThat(text(browser, "top")).contains("SKU-MUG");
		chrome.assertAccessible("analytics");
		chrome.screenshot("analytics");
		chrome.assertFitsPhoneWidth("analytics");
	}

	@Test
	void theBreakItPanelIsOffWhenTheStackDoesNotRunHere() {
		WebDriver browser = chrome.driver();
		chrome.signIn(edge("/console/break-it.html"), "operator", DemoAuthServer.OPERATOR_PASSWORD);

		await().atMost(PATIENCE).until(() -> text(browser, "status").contains("only on a stack run on this machine"));
		assertThat(browser.findElement(By.id("start-load")).isEnabled()).isFalse();
		chrome.assertAccessible("break-it");
		chrome.assertFitsPhoneWidth("break-it");
	}

	private static WebElement checkboxOfRowWith(WebDriver browser, String text) {
		List<WebElement> rows = browser.findElements(By.cssSelector("#dead-letters tbody tr"));
		return rows.stream()
			.filter((row) -> row.getText().contains(text))
			.map((row) -> row.findElement(By.cssSelector("input[type=checkbox]")))
			.findFirst()
			.orElse(null);
	}

	private static String text(WebDriver browser, String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private static String edge(String path) {
		return "http://localhost:" + EDGE_PORT + path;
	}

}
