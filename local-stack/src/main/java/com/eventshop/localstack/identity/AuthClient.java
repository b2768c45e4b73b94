package com.eventshop.localstack.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A client of the stack's authorization server, over plain HTTP.
 * <p>
 * {@link #clientCredentials} is what the demo script, the operator scripts and the load
 * generator's own client do. {@link #logIn} is what a person does, driven step by step as
 * a browser would: the authorization request (with a PKCE challenge) sends it to the
 * login form, the form is posted with its CSRF token, the server sends it back to the
 * authorization request and from there to the redirect URI with a code, and the code is
 * exchanged with the PKCE verifier. It signs in as the public client
 * {@value #LOGIN_CLIENT} (no secret, PKCE required, a loopback redirect URI that nothing
 * needs to serve: the code is read from the redirect), as a command-line tool would.
 */
public final class AuthClient {

	/** The public client that people sign in with from tools and tests. */
	public static final String LOGIN_CLIENT = "eventshop-cli";

	/** Its registered redirect URI; never called, the code is read off the redirect. */
	public static final String LOGIN_REDIRECT = "http://127.0.0.1/login/callback";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final SecureRandom random = new SecureRandom();

	private final URI issuer;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	/**
	 * @param issuer the authorization server's base URL, e.g. http://localhost:9000
	 */
	public AuthClient(URI issuer) {
		this.issuer = issuer;
	}

	public URI issuer() {
		return this.issuer;
	}

	/**
	 * A machine client's token: client id and secret, HTTP Basic at the token endpoint.
	 */
	public AccessToken clientCredentials(String clientId, String secret) {
		HttpRequest request = form(this.issuer.resolve("/oauth2/token"), Map.of("grant_type", "client_credentials"))
			.header("Authorization", basic(clientId, secret))
			.build();
		return token(send(this.http, request), "client credentials of " + clientId);
	}

	/**
	 * Signs a person in (authorization code with PKCE) and returns their tokens. Each
	 * call is a fresh browser: its own cookies, its own session at the server.
	 */
	public AccessToken logIn(String username, String password) {
		HttpClient browser = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String verifier = randomString(48);
		String state = randomString(16);
		Map<String, String> query = new LinkedHashMap<>();
		query.put("response_type", "code");
		query.put("client_id", LOGIN_CLIENT);
		query.put("redirect_uri", LOGIN_REDIRECT);
		query.put("scope", "openid profile email");
		query.put("state", state);
		query.put("code_challenge", challenge(verifier));
		query.put("code_challenge_method", "S256");
		URI authorize = this.issuer.resolve("/oauth2/authorize?" + encode(query));

		// 1. the authorization request: no session yet, so to the login form
		URI loginPage = location(send(browser, page(authorize)), "the authorization request");
		// 2. the form, for its CSRF token
		HttpResponse<String> form = send(browser, page(loginPage));
		Matcher csrf = CSRF.matcher(form.body());
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on the login page " + loginPage);
		}
		// 3. the credentials: a good login goes back to the saved authorization request
		HttpResponse<String> posted = send(browser,
				form(loginPage, Map.of("username", username, "password", password, "_csrf", csrf.group(1)))
					.header("Accept", "text/html")
					.build());
		URI back = location(posted, "the login of " + username);
		if (back.getPath().equals(loginPage.getPath())) {
			throw new IllegalArgumentException("the authorization server refused the login of " + username);
		}
		// 4. the authorization request again, now signed in: to the redirect URI with a
		// code
		URI redirect = location(send(browser, page(back)), "the signed-in authorization request");
		Map<String, String> answer = parseQuery(redirect.getRawQuery());
		if (!state.equals(answer.get("state")) || answer.get("code") == null) {
			throw new IllegalStateException("no code (or a foreign state) in the redirect " + redirect);
		}
		// 5. the code and the PKCE verifier for the tokens
		HttpRequest exchange = form(this.issuer.resolve("/oauth2/token"),
				Map.of("grant_type", "authorization_code", "code", answer.get("code"), "redirect_uri", LOGIN_REDIRECT,
						"client_id", LOGIN_CLIENT, "code_verifier", verifier))
			.build();
		return token(send(browser, exchange), "the code exchange for " + username);
	}

	/** Renews an access token with the refresh token a confidential client was given. */
	public AccessToken refresh(AccessToken token, String clientId, String secret) {
		String refreshToken = token.refreshToken();
		if (refreshToken == null) {
			throw new IllegalArgumentException("the token came without a refresh token");
		}
		HttpRequest request = form(this.issuer.resolve("/oauth2/token"),
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))
			.header("Authorization", basic(clientId, secret))
			.build();
		return token(send(this.http, request), "the refresh for " + clientId);
	}

	private static AccessToken token(HttpResponse<String> response, String what) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					what + ": the token endpoint answered " + response.statusCode() + " " + response.body());
		}
		// The token response is one flat JSON object (RFC 6749, 5.1): no JSON library
		// needed.
		String body = response.body();
		String access = field(body, "access_token");
		if (access == null) {
			throw new IllegalStateException(what + ": no access token in " + body);
		}
		Matcher expiresIn = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)").matcher(body);
		long seconds = expiresIn.find() ? Long.parseLong(expiresIn.group(1)) : 300;
		return new AccessToken(access, field(body, "refresh_token"), Instant.now().plusSeconds(seconds));
	}

	private static @Nullable String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static HttpRequest page(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "text/html").GET().build();
	}

	private static HttpRequest.Builder form(URI uri, Map<String, String> fields) {
		return HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(fields)));
	}

	private static URI location(HttpResponse<?> response, String what) {
		return response.uri()
			.resolve(response.headers()
				.firstValue("Location")
				.orElseThrow(() -> new IllegalStateException(
						what + ": expected a redirect, got " + response.statusCode() + " " + response.body())));
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((urlEncode(user) + ":" + urlEncode(password)).getBytes(StandardCharsets.UTF_8));
	}

	static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String randomString(int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

	private static String encode(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((entry) -> urlEncode(entry.getKey()) + "=" + urlEncode(entry.getValue()))
			.collect(Collectors.joining("&"));
	}

	private static String urlEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static Map<String, String> parseQuery(@Nullable String query) {
		Map<String, String> values = new LinkedHashMap<>();
		if (query == null) {
			return values;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				values.put(java.net.URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

}
