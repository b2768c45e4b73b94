package com.eventshop.localstack;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customer's half of the web console in a real browser (headless Chromium) against a
 * whole local stack: Ada shops, watches her order travel to SHIPPED without reloading the
 * page and reads its e-mail; Grace sees none of Ada's orders. Then the operator's half,
 * last because it breaks things: the break-it panel kills a consumer under load and the
 * accounting settles with nothing lost, and a poison record injected from the panel is
 * found and parked on the operator desk. Every page is checked for accessibility basics
 * and for a phone's width on the way.
 */
@ExtendWith(ConsoleStack.Resolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTests {

	private static final String OPERATOR_PASSWORD = "operator-demo";

	/**
	 * How long a load may take to settle after a consumer came back, on a slow machine.
	 */
	private static final Duration SETTLING = Duration.ofMinutes(10);

	private static final Pattern INJECTED = Pattern
		.compile("injected poison on shop\\.orders\\.v1: key (\\S+), event id (\\S+)");

	private static final String ADDRESS = """
			{"lines": [{"sku": "PEN-007", "quantity": 1}],
			 "shippingAddress": {"line1": "1 Gateway Road", "city": "London", "postalCode": "SW1Y 4JH", "country": "GB"}}""";

	private static ConsoleStack stack;

	@BeforeAll
	static void start(ConsoleStack consoleStack) {
		stack = consoleStack;
	}

	@Test
	@Order(1)
	void upPrintsTheConsoleFirstAndTheDemoUsers() {
		assertThat(stack.banner()).contains("console     " + stack.gateway() + "/console/")
			.contains("ada / ada-demo", "grace / grace-demo");
		assertThat(stack.banner().indexOf("/console/")).isLessThan(stack.banner().indexOf("sign in"));
	}

	@Test
	@Order(2)
	void adaOrdersOnceWatchesTheJourneyReachShippedWithoutReloadingAndReadsTheEmail() {
		String ada = stack.auth().logIn("ada", "ada-demo").header();
		List<String> before = orderIds("ada", ada);
		try (Chrome chrome = new Chrome()) {
			chrome.open(stack.gateway() + "/console/index.html", "ada", "ada-demo");
			chrome.await(By.cssSelector("li.product[data-sku='MUG-001']"));
			assertThat(chrome.await(By.id("who")).getText()).contains("Ada");
			chrome.driver().findElement(By.cssSelector("li.product[data-sku='MUG-001'] button")).click();
			chrome.await(By.cssSelector("#cart-lines li[data-sku='MUG-001']"));
			chrome.checkAccessibility("shop");
			assertThat(tabsUntil(chrome, "checkout")).as("Tab reaches the checkout button").isTrue();
			chrome.screenshot("shop");
			chrome.checkNarrow("shop");

			// a double click is one checkout: one Idempotency-Key, one order
			new Actions(chrome.driver()).doubleClick(chrome.driver().findElement(By.id("checkout"))).perform();
			WebElement placed = chrome.await(By.id("placed-link"));
			String order = placed.getDomAttribute("href").replaceFirst(".*order=", "");
			List<String> after = orderIds("ada", ada);
			assertThat(after).hasSize(before.size() + 1).contains(order);

			placed.click();
			chrome.await(By.id("order-status"));
			chrome.script("window.eventshopSamePage = true;");
			chrome.waiting()
				.until((driver) -> "SHIPPED"
					.equals(driver.findElement(By.id("order-status")).getDomAttribute("data-status")));
			assertThat(chrome.script("return window.eventshopSamePage === true;")).as("the page was not reloaded")
				.isEqualTo(true);
			String timeline = chrome.driver().findElement(By.id("timeline")).getText();
			assertThat(timeline).contains("Placed", "Stock reserved, order confirmed", "Dispatched", "tracking number",
					"Shipped");
			String events = chrome.driver().findElement(By.id("events")).getText();
			assertThat(events).contains("shop.order.placed", "shop.order.confirmed", "shop.order.shipped");
			chrome.waiting()
				.until((driver) -> driver.findElements(By.cssSelector("#emails tr[data-kind]"))
					.stream()
					.anyMatch((row) -> row.getText().contains("has been received") && row.getText().contains("SENT")));
			assertThat(chrome.driver().findElements(By.id("trace-link"))).as("a link to the order's trace").hasSize(1);
			chrome.checkAccessibility("journey");
			chrome.screenshot("journey");
			chrome.checkNarrow("journey");

			// the saga's own answer to cancelling a shipped order
			chrome.driver().findElement(By.id("cancel")).click();
			chrome.waiting().until((driver) -> driver.findElement(By.id("cancel-answer")).getText().contains("(409)"));

			String mailbox = chrome.driver().findElement(By.cssSelector("a.read-mail")).getDomAttribute("href");
			chrome.driver().get(mailbox);
			assertThat(chrome.driver().getPageSource())
				.contains("Your EventShop order " + order + " has been received");

			chrome.driver().get(stack.gateway() + "/console/orders.html");
			chrome.await(By.cssSelector("#orders tr[data-order='" + order + "']"));
			chrome.checkAccessibility("orders");
			chrome.screenshot("orders");
			chrome.checkNarrow("orders");
		}
	}

	@Test
	@Order(3)
	void graceSeesNoneOfAdasOrdersAndAdasOrderIsNotFoundForHer() {
		String ada = stack.auth().logIn("ada", "ada-demo").header();
		var placed = Http.post(stack.gateway() + "/api/orders", ada, ADDRESS);
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		String adasOrder = Http.read(placed.body()).path("id").asString();
		try (Chrome chrome = new Chrome()) {
			chrome.open(stack.gateway() + "/console/orders.html", "grace", "grace-demo");
			chrome.await(By.cssSelector("#orders tbody tr"));
			assertThat(chrome.await(By.id("who")).getText()).contains("Grace");
			String grace = stack.auth().logIn("grace", "grace-demo").header();
			List<String> shown = chrome.driver()
				.findElements(By.cssSelector("#orders tr[data-order]"))
				.stream()
				.map((row) -> row.getDomAttribute("data-order"))
				.toList();
			assertThat(shown).doesNotContain(adasOrder).containsExactlyInAnyOrderElementsOf(orderIds("grace", grace));
			assertThat(chrome.driver().findElement(By.id("orders")).getText())
				.doesNotContain(adasOrder.substring(0, 8));

			chrome.driver().get(stack.gateway() + "/console/journey.html?order=" + adasOrder);
			chrome.waiting().until((driver) -> driver.findElement(By.id("message")).getText().contains("not found"));
			assertThat(chrome.driver().findElement(By.id("journey")).isDisplayed()).isFalse();
			assertThat(Http.get(stack.gateway() + "/api/orders/" + adasOrder, grace).statusCode()).isEqualTo(404);
		}
	}

	@Test
	@Order(10)
	void theBreakItPanelKillsAConsumerUnderLoadAndTheAccountingSettlesWithNothingLostOrDuplicated() {
		try (Chrome chrome = new Chrome()) {
			chrome.open(stack.gateway() + "/console/break-it.html", "operator", OPERATOR_PASSWORD);
			WebDriver browser = chrome.driver();
			chrome.waiting().until((driver) -> processState(driver, "inventory").equals("running"));
			chrome.checkAccessibility("break-it");

			WebElement rate = browser.findElement(By.id("rate"));
			rate.clear();
			rate.sendKeys("5");
			browser.findElement(By.id("start-load")).click();
			chrome.waiting().until((driver) -> figure(driver, "accepted") >= 10);

			browser.findElement(By.cssSelector("button[data-kill='inventory']")).click();
			chrome.waiting().until((driver) -> processState(driver, "inventory").equals("stopped"));
			assertThat(text(browser, "actions")).contains("kill inventory");
			// orders keep coming while the consumer is away
			long acceptedWhileDown = figure(browser, "accepted") + 15;
			chrome.waiting().until((driver) -> figure(driver, "accepted") >= acceptedWhileDown);

			browser.findElement(By.cssSelector("button[data-restart='inventory']")).click();
			await("inventory running again").atMost(SETTLING)
				.until(() -> processState(browser, "inventory").equals("running"));
			long acceptedAfter = figure(browser, "accepted") + 15;
			chrome.waiting().until((driver) -> figure(driver, "accepted") >= acceptedAfter);
			browser.findElement(By.id("stop-load")).click();

			await("the load to settle").atMost(SETTLING)
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> text(browser, "load-state").equals("settled")
						&& !text(browser, "stock-conserved").equals("…"));
			assertThat(text(browser, "missing")).isEqualTo("0");
			assertThat(text(browser, "duplicated")).isEqualTo("0");
			assertThat(text(browser, "stock-conserved")).isEqualTo("yes");
			assertThat(figure(browser, "completed")).isEqualTo(figure(browser, "accepted")).isGreaterThanOrEqualTo(40);
			assertThat(text(browser, "actions")).contains("restart inventory").doesNotContain("failed");
			chrome.checkAccessibility("break-it");
			chrome.script("window.scrollTo(0, 0);");
			chrome.screenshot("break-it");
			chrome.checkNarrow("break-it");
		}
	}

	@Test
	@Order(11)
	void poisonInjectedFromThePanelIsDeadLetteredByEveryGroupAndParkedWithANoteOnTheDesk() {
		try (Chrome chrome = new Chrome()) {
			chrome.open(stack.gateway() + "/console/break-it.html", "operator", OPERATOR_PASSWORD);
			WebDriver browser = chrome.driver();
			chrome.await(By.id("inject-poison")).click();
			String told = chrome.waiting().until((driver) -> {
				Matcher injected = INJECTED.matcher(text(driver, "actions"));
				return injected.find() ? injected.group(1) : null;
			});
			assertThat(text(browser, "actions")).contains("poison shop.orders.v1");

			browser.get(stack.gateway() + "/console/operator.html");
			// the poison's key is in its payload: every group that reads orders parks it
			List<String> groups = List.of("inventory", "email", "shipping", "analytics");
			await("the poison dead-lettered by " + groups).atMost(Chrome.WAIT)
				.pollInterval(Duration.ofSeconds(1))
				.ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
				.until(() -> poisonRows(browser, told).size() == groups.size());
			chrome.checkAccessibility("operator desk");
			List<WebElement> rows = poisonRows(browser, told);
			assertThat(rows)
				.allSatisfy((row) -> assertThat(row.getText()).contains("shop.order.placed.v1", "UNREADABLE", "NEW"));
			assertThat(String.join("\n", rows.stream().map(WebElement::getText).toList())).contains(groups);
			for (WebElement row : rows) {
				row.findElement(By.cssSelector("input[type=checkbox]")).click();
			}
			WebElement note = browser.findElement(By.id("park-note"));
			note.sendKeys("poison from the break-it panel, key " + told);
			browser.findElement(By.id("park-selected")).click();
			chrome.waiting().until((driver) -> text(driver, "status").contains("Parked 4 dead letters"));

			chrome.waiting()
				.until((driver) -> text(driver, "audit").contains("poison from the break-it panel, key " + told));
			assertThat(text(browser, "audit")).contains("PARKED", "operator");
			chrome.waiting()
				.ignoring(StaleElementReferenceException.class)
				.until((driver) -> poisonRows(driver, told).isEmpty());
		}
	}

	/** The dead-letter rows whose payload preview, opened, shows the key. */
	private static List<WebElement> poisonRows(WebDriver browser, String key) {
		List<WebElement> rows = browser.findElements(By.cssSelector("#dead-letters tbody tr"));
		return rows.stream().filter((row) -> {
			WebElement preview = row.findElement(By.tagName("details"));
			if (preview.getDomAttribute("open") == null) {
				preview.findElement(By.tagName("summary")).click();
			}
			return row.getText().contains(key);
		}).toList();
	}

	/** A process's state in the panel's table of the stack. */
	private static String processState(WebDriver browser, String name) {
		return shown(browser, By.xpath("//button[@data-kill='" + name + "']/ancestor::tr/td[2]"));
	}

	/** One of the accounting's figures, a count as the page shows it (1,234). */
	private static long figure(WebDriver browser, String id) {
		String digits = text(browser, id).replaceAll("[^0-9]", "");
		return digits.isEmpty() ? -1 : Long.parseLong(digits);
	}

	private static String text(WebDriver browser, String id) {
		return shown(browser, By.id(id));
	}

	/**
	 * The text of the first element found, read again when the live page redrew it
	 * between finding and reading; empty when there is none.
	 */
	private static String shown(WebDriver browser, By what) {
		for (int attempt = 0;; attempt++) {
			try {
				return browser.findElements(what).stream().map(WebElement::getText).findFirst().orElse("");
			}
			catch (StaleElementReferenceException ex) {
				if (attempt >= 20) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Presses Tab from the top of the page until the element has the focus, or gives up.
	 */
	private static boolean tabsUntil(Chrome chrome, String id) {
		chrome.script("document.activeElement.blur(); window.scrollTo(0, 0);");
		for (int i = 0; i < 100; i++) {
			new Actions(chrome.driver()).sendKeys(Keys.TAB).perform();
			if (id.equals(chrome.script("return document.activeElement.id;"))) {
				return true;
			}
		}
		return false;
	}

	private static List<String> orderIds(String customer, String authorization) {
		JsonNode page = Http.json(stack.gateway() + "/api/orders?size=100&customerId=" + customer, authorization);
		return page.path("content").valueStream().map((order) -> order.path("id").asString()).toList();
	}

}
