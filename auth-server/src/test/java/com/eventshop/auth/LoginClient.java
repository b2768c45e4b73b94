package com.eventshop.auth;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser stand-in: keeps cookies, follows no redirect on its own (so that a test sees
 * where each step sends it) and fills in Spring Security's login form.
 */
final class LoginClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> postForm(URI uri, Map<String, String> form) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Reads the login page's CSRF token and posts the credentials with it. */
	HttpResponse<String> logIn(URI loginPage, String username, String password)
			throws IOException, InterruptedException {
		HttpResponse<String> page = get(loginPage);
		Matcher csrf = CSRF.matcher(page.body());
		if (!csrf.find()) {
			throw new IllegalStateException("No CSRF token on the login page: " + page.body());
		}
		return postForm(loginPage, Map.of("username", username, "password", password, "_csrf", csrf.group(1)));
	}

	static URI location(HttpResponse<?> response) {
		return response.uri()
			.resolve(response.headers()
				.firstValue("Location")
				.orElseThrow(() -> new AssertionError("Expected a redirect, got " + response.statusCode())));
	}

	static String encode(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
