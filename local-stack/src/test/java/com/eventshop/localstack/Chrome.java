package com.eventshop.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) for the
 * console's browser tests, with the checks every page gets: accessibility basics, no
 * horizontal overflow at 375 px, and a screenshot into {@code docs/console/} when
 * {@code -Deventshop.console.screenshots=true} is given.
 */
final class Chrome implements AutoCloseable {

	/** Generous: the machine may be slow, the assertions wait for outcomes, not times. */
	static final Duration WAIT = Duration.ofMinutes(3);

	private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)(?:, ([\\d.]+))?\\)");

	private final ChromeDriver driver;

	Chrome() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(binary("CHROMIUM_BINARY", "/usr/bin/chromium"));
		// root without a display: no sandbox, no /dev/shm, new headless mode
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(binary("CHROMEDRIVER", "/usr/bin/chromedriver")))
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(1));
	}

	private static String binary(String variable, String fallback) {
		String given = System.getenv(variable);
		return (given != null && !given.isBlank()) ? given : fallback;
	}

	ChromeDriver driver() {
		return this.driver;
	}

	WebDriverWait waiting() {
		return new WebDriverWait(this.driver, WAIT, Duration.ofMillis(250));
	}

	/**
	 * Opens a console page; the first one leads through the authorization server's login
	 * form, which is filled in as a person does.
	 */
	void open(String url, String user, String password) {
		this.driver.get(url);
		if (this.driver.getCurrentUrl().contains("/login")) {
			this.driver.findElement(By.id("username")).sendKeys(user);
			this.driver.findElement(By.id("password")).sendKeys(password);
			this.driver.findElement(By.cssSelector("button[type=submit]")).click();
			waiting().until(ExpectedConditions.urlContains("/console/"));
		}
	}

	WebElement await(By what) {
		return waiting().until(ExpectedConditions.visibilityOfElementLocated(what));
	}

	Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	/**
	 * Accessibility basics of the page as it is now: every visible form control has a
	 * label (or an accessible name), every image an alt text, every button and link a
	 * name, and the main text contrasts with its background by at least 4.5:1 (WCAG AA).
	 */
	void checkAccessibility(String page) {
		@SuppressWarnings("unchecked")
		List<String> unnamed = (List<String>) script("""
				const out = [];
				const shown = (e) => e.getClientRects().length > 0 && e.type !== 'hidden';
				const name = (e) => (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')
				    || e.getAttribute('title') || '').trim();
				for (const e of document.querySelectorAll('input, select, textarea')) {
				  if (shown(e) && e.labels.length === 0 && !name(e)) out.push('control ' + (e.id || e.name));
				}
				for (const e of document.querySelectorAll('img')) {
				  if (!e.hasAttribute('alt')) out.push('image ' + e.src);
				}
				for (const e of document.querySelectorAll('button, a[href]')) {
				  if (shown(e) && !e.textContent.trim() && !name(e)) out.push(e.tagName + ' ' + e.outerHTML);
				}
				if (!document.documentElement.lang) out.push('html without lang');
				if (!document.title) out.push('page without title');
				return out;""");
		assertThat(unnamed).as("unnamed controls, images, buttons or links on %s", page).isEmpty();
		@SuppressWarnings("unchecked")
		Map<String, String> colours = (Map<String, String>) script(
				"""
						const body = getComputedStyle(document.body);
						const html = getComputedStyle(document.documentElement);
						const background = body.backgroundColor === 'rgba(0, 0, 0, 0)' ? html.backgroundColor : body.backgroundColor;
						return { text: body.color, background: background };""");
		double contrast = contrast(colours.get("text"), colours.get("background"));
		assertThat(contrast).as("contrast of %s on %s on %s", colours.get("text"), colours.get("background"), page)
			.isGreaterThanOrEqualTo(4.5);
	}

	/** At a phone's 375 CSS pixels wide, nothing on the page scrolls sideways. */
	void checkNarrow(String page) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
		try {
			Number width = (Number) script("return document.documentElement.scrollWidth;");
			assertThat(width.intValue()).as("document width at 375 px on %s", page).isLessThanOrEqualTo(375);
			screenshot(page + "-375");
		}
		finally {
			this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
	}

	/**
	 * Takes a screenshot into docs/console/ when asked to, so that CI leaves the tree
	 * alone.
	 */
	void screenshot(String name) {
		if (!Boolean.getBoolean("eventshop.console.screenshots")) {
			return;
		}
		try {
			Path folder = Files.createDirectories(Repository.root().resolve("docs/console"));
			File shot = this.driver.getScreenshotAs(OutputType.FILE);
			Files.copy(shot.toPath(), folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** WCAG 2 contrast ratio of two CSS colours {@code rgb(r, g, b)}. */
	static double contrast(String foreground, String background) {
		double a = luminance(foreground);
		double b = luminance(background);
		return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
	}

	private static double luminance(String colour) {
		Matcher rgb = RGB.matcher(colour);
		if (!rgb.find()) {
			throw new IllegalArgumentException("not an rgb() colour: " + colour);
		}
		if (rgb.group(4) != null && Double.parseDouble(rgb.group(4)) < 1) {
			throw new IllegalArgumentException("a translucent colour has no contrast of its own: " + colour);
		}
		return 0.2126 * channel(rgb.group(1)) + 0.7152 * channel(rgb.group(2)) + 0.0722 * channel(rgb.group(3));
	}

	private static double channel(String value) {
		double c = Integer.parseInt(value) / 255.0;
		return (c <= 0.03928) ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
