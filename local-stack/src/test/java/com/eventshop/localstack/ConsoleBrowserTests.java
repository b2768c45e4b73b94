package com.eventshop.localstack;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's half of the web console in a real browser (headless Chromium) against a
 * whole local stack: Ada shops, watches her order travel to SHIPPED without reloading the
 * page and reads its e-mail; Grace sees none of Ada's orders. Every page is checked for
 * accessibility basics and for a phone's width on the way.
 */
@ExtendWith(ConsoleStack.Resolver.class)
class ConsoleBrowserTests {

	private static final String ADDRESS = """
			{"lines": [{"sku": "PEN-007", "quantity": 1}],
			 "shippingAddress": {"line1": "1 Gateway Road", "city": "London", "postalCode": "SW1Y 4JH", "country": "GB"}}""";

	private static ConsoleStack stack;

	@BeforeAll
	static void start(ConsoleStack consoleStack) {
		stack = consoleStack;
	}

	@Test
	void upPrintsTheConsoleFirstAndTheDemoUsers() {
		assertThat(stack.banner()).contains("console     " + stack.gateway() + "/console/")
			.contains("ada / ada-demo", "grace / grace-demo");
		assertThat(stack.banner().indexOf("/console/")).isLessThan(stack.banner().indexOf("sign in"));
	}

	@Test
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
