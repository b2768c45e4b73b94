package com.eventshop.edge.console.ops;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Debian's headless Chromium driven through its own chromedriver (no driver download),
 * with the checks every operator page must pass: accessibility basics and a 375 px wide
 * layout. Screenshots only with {@code -Deventshop.console.screenshots=true}, into
 * {@code docs/console/}.
 */
final class HeadlessChrome implements AutoCloseable {

	private static final String CHROMIUM = System.getProperty("eventshop.chromium", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getProperty("eventshop.chromedriver", "/usr/bin/chromedriver");

	/**
	 * Labels, names and contrast, checked in the page: every form control has a label,
	 * every button and link a name, the page a language and one h1, images a text
	 * alternative, and visible text a contrast of at least 4.5:1 against the nearest
	 * opaque background.
	 */
	private static final String ACCESSIBILITY = """
			const problems = [];
			if (!document.documentElement.lang) problems.push('no lang on <html>');
			if (document.querySelectorAll('h1').length !== 1) problems.push('not exactly one h1');
			for (const c of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
			  const labelled = c.labels && c.labels.length > 0 || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby');
			  if (!labelled) problems.push('unlabelled ' + c.outerHTML.substring(0, 80));
			}
			for (const b of document.querySelectorAll('button, a[href]')) {
			  if (!(b.textContent.trim() || b.getAttribute('aria-label'))) problems.push('nameless ' + b.outerHTML.substring(0, 80));
			}
			for (const i of document.querySelectorAll('img, svg[role=img]')) {
			  if (!(i.getAttribute('alt') || i.getAttribute('aria-label'))) problems.push('no text alternative ' + i.outerHTML.substring(0, 80));
			}
			const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
			const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
			  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
			const background = (e) => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
			  if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3); } return [255, 255, 255]; };
			for (const e of document.body.querySelectorAll('*')) {
			  const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
			  if (!own || e.offsetParent === null && getComputedStyle(e).position !== 'fixed') continue;
			  if (e.closest('button:disabled')) continue;
			  const fg = lum(rgb(getComputedStyle(e).color).slice(0, 3)), bg = lum(background(e));
			  const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
			  if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ' for ' + e.tagName + ' "' + e.textContent.trim().substring(0, 30) + '"');
			}
			return problems;""";

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private final ChromeDriver driver;

	HeadlessChrome() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(2));
	}

	ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Opens a page of the edge as the given user: a fresh session, signed in through the
	 * authorization server's login form when the edge sends the browser there.
	 */
	void signIn(String page, String user, String password) {
		this.driver.manage().deleteAllCookies();
		this.driver.get(page);
		if (!this.driver.getCurrentUrl().startsWith(page)) {
			await().atMost(PATIENCE).until(() -> !this.driver.findElements(By.id("username")).isEmpty());
			this.driver.findElement(By.id("username")).sendKeys(user);
			this.driver.findElement(By.id("password")).sendKeys(password);
			this.driver.findElement(By.cssSelector("button[type=submit]")).click();
		}
		await().atMost(PATIENCE).until(() -> this.driver.getCurrentUrl().startsWith(page));
	}

	/** The visible text of the element with the given id. */
	String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

	@SuppressWarnings("unchecked")
	List<String> accessibilityProblems() {
		return (List<String>) ((JavascriptExecutor) this.driver).executeScript(ACCESSIBILITY);
	}

	/**
	 * Checks the page at 375 px: nothing wider than the screen makes it scroll sideways.
	 */
	void assertFitsPhoneWidth(String page) {
		Dimension wide = this.driver.manage().window().getSize();
		this.driver.manage().window().setSize(new Dimension(375, 812));
		try {
			Long overflow = (Long) ((JavascriptExecutor) this.driver)
				.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
			assertThat(overflow).as("%s scrolls sideways at 375 px by", page).isLessThanOrEqualTo(0L);
			screenshot(page + "-375px");
		}
		finally {
			this.driver.manage().window().setSize(wide);
		}
	}

	void assertAccessible(String page) {
		assertThat(accessibilityProblems()).as("accessibility problems on %s", page).isEmpty();
	}

	void screenshot(String name) {
		if (!Boolean.getBoolean("eventshop.console.screenshots")) {
			return;
		}
		try {
			Path folder = Path.of(System.getProperty("eventshop.console.screenshot-dir", "../docs/console"));
			Files.createDirectories(folder);
			File shot = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE);
			Files.copy(shot.toPath(), folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
