package com.eventshop.edge.console.ops;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analytics dashboard's "Rebuild from history" in headless Chromium, through the
 * gateway on a real port with the real authorization server beside it and a stand-in
 * analytics service behind it that checks the relayed token as the service does. An
 * operator starts a rebuild after confirming it, follows it while it runs and sees it
 * swap; a rebuild someone else started is followed instead of being started twice; a
 * customer is refused by the gateway itself, so the service never hears of it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT, properties = {
		// the authorization server's auto-configuration belongs to its own context
		"spring.autoconfigure.exclude=org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
				+ "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration" })
@DirtiesContext
class AnalyticsRebuildConsoleTests {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private static final String REBUILD = "/api/admin/projections/rebuild";

	private static final int EDGE_PORT = TestSocketUtils.findAvailableTcpPort();

	private static final StandInService analytics = new StandInService("analytics");

	private static final StandInService others = new StandInService("order");

	private static final DemoAuthServer authServer = new DemoAuthServer();

	private static HeadlessChrome chrome;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		authServer.register(registry, EDGE_PORT);
		registry.add("ORDER_SERVICE_URLS", others::url);
		registry.add("INVENTORY_SERVICE_URLS", others::url);
		registry.add("EMAIL_SERVICE_URLS", others::url);
		registry.add("SHIPPING_SERVICE_URLS", others::url);
		registry.add("ANALYTICS_SERVICE_URLS", analytics::url);
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
		analytics.close();
		others.close();
		authServer.close();
	}

	@Test
	void anOperatorConfirmsARebuildFollowsItAndSeesTheRebuiltFigures() {
		WebDriver browser = chrome.driver();
		chrome.signIn(edge("/console/analytics.html"), "operator", DemoAuthServer.OPERATOR_PASSWORD);
		await().atMost(PATIENCE).until(() -> !chrome.text("rebuild-progress").isEmpty());
		int postsBefore = analytics.rebuild().posts();

		// by keyboard: the button asks first, and nothing starts until the answer is yes
		browser.findElement(By.id("rebuild-start")).sendKeys(Keys.ENTER);
		assertThat(browser.findElement(By.id("rebuild-confirm")).isDisplayed()).isTrue();
		assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("rebuild-confirm-yes");
		assertThat(analytics.rebuild().posts()).isEqualTo(postsBefore);
		browser.switchTo().activeElement().sendKeys(Keys.ENTER);

		await().atMost(PATIENCE).until(() -> chrome.text("rebuild-status").contains("is running"));
		assertThat(chrome.text("rebuild-progress")).contains("Running", "1,200 of 5,000", "600.0");
		assertThat(browser.findElement(By.id("rebuild-start")).isEnabled()).isFalse();
		assertThat(browser.findElement(By.id("rebuild-confirm")).isDisplayed()).isFalse();
		chrome.assertAccessible("analytics rebuild");
		chrome.screenshot("analytics-rebuild-running");
		chrome.assertFitsPhoneWidth("analytics-rebuild-running");

		analytics.rebuild().finish();
		await().atMost(PATIENCE).until(() -> chrome.text("rebuild-status").contains("finished"));
		assertThat(chrome.text("rebuild-progress")).contains("Finished: the rebuilt figures serve", "5,003 of 5,000",
				"4,321.5", "1 min 15 s", "Swapped");
		await().atMost(PATIENCE).until(() -> field(browser, "placed").equals("13"));
		assertThat(browser.findElement(By.id("rebuild-start")).isEnabled()).isTrue();
		assertThat(analytics.rebuild().posts() - postsBefore).isOne();

		// the last run is shown on the next visit too
		browser.navigate().refresh();
		await().atMost(PATIENCE).until(() -> chrome.text("rebuild-progress").contains("Swapped"));
		assertThat(chrome.text("rebuild-progress")).contains("Finished: the rebuilt figures serve", "4,321.5");
	}

	@Test
	void aRebuildStartedElsewhereIsFollowedInsteadOfStartedTwice() {
		WebDriver browser = chrome.driver();
		chrome.signIn(edge("/console/analytics.html"), "operator", DemoAuthServer.OPERATOR_PASSWORD);
		await().atMost(PATIENCE).until(() -> !chrome.text("rebuild-progress").isEmpty());

		analytics.rebuild().startElsewhere();
		browser.findElement(By.id("rebuild-start")).click();
		browser.findElement(By.id("rebuild-confirm-yes")).click();

		await().atMost(PATIENCE).until(() -> chrome.text("rebuild-status").contains("already running"));
		await().atMost(PATIENCE).until(() -> chrome.text("rebuild-progress").contains("Running"));
		assertThat(browser.findElement(By.id("rebuild-start")).isEnabled()).isFalse();

		analytics.rebuild().finish();
		await().atMost(PATIENCE).until(() -> chrome.text("rebuild-progress").contains("Finished"));
		assertThat(chrome.text("rebuild-status")).contains("finished");
	}

	@Test
	void aCustomerIsRefusedTheRebuildByTheGateway() {
		WebDriver browser = chrome.driver();
		long postsBefore = analytics.received("POST", REBUILD);
		long getsBefore = analytics.received("GET", REBUILD);
		chrome.signIn(edge("/console/analytics.html"), "ada", DemoAuthServer.ADA_PASSWORD);

		await().atMost(PATIENCE).until(() -> chrome.text("rebuild-status").contains("for operators"));
		assertThat(browser.findElement(By.id("rebuild-start")).isEnabled()).isFalse();
		// the request the button would send, with the session's CSRF token
		Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')) || 'XSRF-TOKEN=';
				fetch('%s', { method: 'POST', credentials: 'same-origin',
				  headers: { 'X-XSRF-TOKEN': decodeURIComponent(cookie.substring(11)) } })
				  .then((response) => response.json().then((problem) => done(response.status + ' ' + problem.detail)))
				  .catch((error) => done(String(error)));""".formatted(REBUILD));
		assertThat(status).isEqualTo("403 This request needs the operator role.");
		assertThat(analytics.received("POST", REBUILD)).isEqualTo(postsBefore);
		assertThat(analytics.received("GET", REBUILD)).isEqualTo(getsBefore);
	}

	private static String field(WebDriver browser, String testId) {
		return browser.findElement(By.cssSelector("[data-testid=" + testId + "]")).getText();
	}

	private static String edge(String path) {
		return "http://localhost:" + EDGE_PORT + path;
	}

}
