package com.eventshop.edge;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
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
 * A browser stand-in: keeps cookies, follows redirects one at a time (so that a test can
 * see each hop) and fills in the authorization server's login form when it lands on it.
 */
public final class Browser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri).header("Accept", "text/html,application/xhtml+xml").GET());
	}

	public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** Sends a request with this browser's cookies, reading the answer as told. */
	public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
			throws IOException, InterruptedException {
		return this.http.send(request.build(), body);
	}

	/**
	 * Opens a protected page of the edge and follows where it leads, signing in on the
	 * authorization server's login page on the way.
	 */
	public HttpResponse<String> signIn(URI protectedPage, String username, String password)
			throws IOException, InterruptedException {
		HttpResponse<String> response = get(protectedPage);
		for (int hops = 0; isRedirect(response); hops++) {
			if (hops > 10) {
				throw new IllegalStateException("Too many redirects, last to " + location(response));
			}
			URI next = location(response);
			response = "/login".equals(next.getPath()) ? logIn(next, username, password) : get(next);
		}
		return response;
	}

	private HttpResponse<String> logIn(URI loginPage, String username, String password)
			throws IOException, InterruptedException {
		HttpResponse<String> page = get(loginPage);
		Matcher csrf = CSRF.matcher(page.body());
		if (!csrf.find()) {
			throw new IllegalStateException("No CSRF token on the login page: " + page.body());
		}
		String form = Map.of("username", username, "password", password, "_csrf", csrf.group(1))
			.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(loginPage)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	/** The value a page script would read from the {@code XSRF-TOKEN} cookie. */
	public String csrfToken() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> "XSRF-TOKEN".equals(cookie.getName()))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No XSRF-TOKEN cookie"));
	}

	static boolean isRedirect(HttpResponse<?> response) {
		return response.statusCode() / 100 == 3;
	}

	static URI location(HttpResponse<?> response) {
		return response.uri()
			.resolve(response.headers()
				.firstValue("Location")
				.orElseThrow(() -> new AssertionError("Expected a redirect, got " + response.statusCode())));
	}

}
