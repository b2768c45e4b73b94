package com.eventshop.auth;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The authorization server on a real port, driven the way its clients drive it: machine
 * clients with client credentials, the gateway with an authorization code and PKCE. Every
 * token is checked against the key set the server publishes, as the services will check
 * it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS,
		properties = { "EDGE_URL=http://edge.test", "EVENTSHOP_DEMO_PASSWORD_ADA=ada-test-password",
				"AUTH_LOAD_CUSTOMERS=3", "AUTH_LOAD_CUSTOMER_PASSWORD=load-test-password" })
class AuthorizationServerTests {

	private static final String REDIRECT = "http://edge.test/login/oauth2/code/eventshop";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Value("${local.server.port}")
	private int port;

	@Test
	void clientCredentialsTokenVerifiesAgainstThePublishedKeysAndCarriesRolesAndAudience() {
		Map<String, Object> answer = token("operator-cli", "operator-cli-demo-secret",
				Map.of("grant_type", "client_credentials"));

		Jwt token = publishedKeys().decode((String) answer.get("access_token"));

		assertThat(token.getSubject()).isEqualTo("operator-cli");
		assertThat(token.getAudience()).containsExactly("eventshop");
		assertThat(token.getClaimAsStringList("roles")).containsExactly("operator");
		assertThat(token.getIssuer()).hasToString(base());
		assertThat(token.getExpiresAt()).isAfter(token.getIssuedAt());
	}

	@Test
	void aTokenDoesNotVerifyAgainstAnotherKey() throws Exception {
		String fromHere = (String) token("demo", "demo-demo-secret", Map.of("grant_type", "client_credentials"))
			.get("access_token");
		RSAKey otherKey = new RSAKeyGenerator(2048).generate();
		JwtDecoder otherDecoder = NimbusJwtDecoder.withPublicKey(otherKey.toRSAPublicKey()).build();

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> otherDecoder.decode(fromHere));
	}

	@Test
	void wrongClientSecretGetsNoToken() {
		assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
			.isThrownBy(() -> token("demo", "not-the-secret", Map.of("grant_type", "client_credentials")));
	}

	@Test
	void authorizationCodeWithPkceLogsAdaInAndYieldsHerTokens() throws Exception {
		String verifier = randomVerifier();
		LoginClient browser = new LoginClient();

		URI code = logInThroughAuthorize(browser, challenge(verifier), "ada", "ada-test-password");

		var params = UriComponentsBuilder.fromUri(code).build().getQueryParams();
		assertThat(code.toString()).startsWith(REDIRECT);
		assertThat(params.getFirst("state")).isEqualTo("state-1");
		Map<String, Object> tokens = token("edge", "edge-demo-secret", Map.of("grant_type", "authorization_code",
				"code", params.getFirst("code"), "redirect_uri", REDIRECT, "code_verifier", verifier));

		Jwt access = publishedKeys().decode((String) tokens.get("access_token"));
		assertThat(access.getSubject()).isEqualTo("ada");
		assertThat(access.getClaimAsString("name")).isEqualTo("Ada Lovelace");
		assertThat(access.getClaimAsString("email")).isEqualTo("ada@eventshop.example");
		assertThat(access.getClaimAsStringList("roles")).containsExactly("customer");
		assertThat(access.getAudience()).containsExactly("eventshop");
		Jwt id = publishedKeys().decode((String) tokens.get("id_token"));
		assertThat(id.getSubject()).isEqualTo("ada");
		assertThat(id.getAudience()).containsExactly("edge");

		Map<String, Object> refreshed = token("edge", "edge-demo-secret",
				Map.of("grant_type", "refresh_token", "refresh_token", (String) tokens.get("refresh_token")));
		Jwt renewed = publishedKeys().decode((String) refreshed.get("access_token"));
		assertThat(renewed.getSubject()).isEqualTo("ada");
		assertThat(renewed.getClaimAsStringList("roles")).containsExactly("customer");
	}

	@Test
	void aLoadCustomerSignsInThroughThePublicClientWithPkceAlone() throws Exception {
		String verifier = randomVerifier();
		String cliRedirect = "http://127.0.0.1/login/callback";
		URI authorize = UriComponentsBuilder.fromUriString(base() + "/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", "eventshop-cli")
			.queryParam("scope", "openid")
			.queryParam("redirect_uri", cliRedirect)
			.queryParam("state", "state-1")
			.queryParam("code_challenge", challenge(verifier))
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUri();
		LoginClient browser = new LoginClient();
		HttpResponse<String> loggedIn = browser.logIn(LoginClient.location(browser.get(authorize)), "load-3",
				"load-test-password");
		URI code = LoginClient.location(browser.get(LoginClient.location(loggedIn)));
		assertThat(code.toString()).startsWith(cliRedirect);

		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "authorization_code");
		form.add("client_id", "eventshop-cli");
		form.add("code", UriComponentsBuilder.fromUri(code).build().getQueryParams().getFirst("code"));
		form.add("redirect_uri", cliRedirect);
		form.add("code_verifier", verifier);
		Map<String, Object> tokens = RestClient.create()
			.post()
			.uri(base() + "/oauth2/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(JSON);

		Jwt access = publishedKeys().decode((String) tokens.get("access_token"));
		assertThat(access.getSubject()).isEqualTo("load-3");
		assertThat(access.getClaimAsStringList("roles")).containsExactly("customer");
		assertThat(access.getAudience()).containsExactly("eventshop");
		assertThat(tokens).doesNotContainKey("refresh_token");
	}

	@Test
	void theCodeIsWorthNothingWithoutItsVerifier() throws Exception {
		LoginClient browser = new LoginClient();
		URI code = logInThroughAuthorize(browser, challenge(randomVerifier()), "ada", "ada-test-password");
		String value = UriComponentsBuilder.fromUri(code).build().getQueryParams().getFirst("code");

		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> token("edge", "edge-demo-secret", Map.of("grant_type", "authorization_code", "code",
					value, "redirect_uri", REDIRECT, "code_verifier", randomVerifier())));
	}

	@Test
	void anAuthorizationRequestWithoutPkceIsRefused() throws Exception {
		URI authorize = UriComponentsBuilder.fromUriString(base() + "/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", "edge")
			.queryParam("scope", "openid")
			.queryParam("redirect_uri", REDIRECT)
			.queryParam("state", "state-1")
			.build()
			.toUri();

		HttpResponse<String> answer = new LoginClient().get(authorize);

		assertThat(LoginClient.location(answer).toString()).startsWith(REDIRECT).contains("error=invalid_request");
	}

	@Test
	void aWrongPasswordDoesNotLogIn() throws Exception {
		LoginClient browser = new LoginClient();
		browser.get(authorizeUri(challenge(randomVerifier())));

		HttpResponse<String> answer = browser.logIn(URI.create(base() + "/login"), "ada", "ada-demo");

		assertThat(LoginClient.location(answer).toString()).endsWith("/login?error");
	}

	private URI logInThroughAuthorize(LoginClient browser, String challenge, String user, String password)
			throws Exception {
		HttpResponse<String> toLogin = browser.get(authorizeUri(challenge));
		assertThat(LoginClient.location(toLogin).getPath()).isEqualTo("/login");
		HttpResponse<String> loggedIn = browser.logIn(LoginClient.location(toLogin), user, password);
		HttpResponse<String> toClient = browser.get(LoginClient.location(loggedIn));
		assertThat(toClient.statusCode()).isEqualTo(302);
		return LoginClient.location(toClient);
	}

	private URI authorizeUri(String challenge) {
		return UriComponentsBuilder.fromUriString(base() + "/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", "edge")
			.queryParam("scope", "openid profile email")
			.queryParam("redirect_uri", REDIRECT)
			.queryParam("state", "state-1")
			.queryParam("code_challenge", challenge)
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUri();
	}

	private Map<String, Object> token(String clientId, String secret, Map<String, String> form) {
		MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
		form.forEach(body::add);
		Map<String, Object> answer = RestClient.create()
			.post()
			.uri(base() + "/oauth2/token")
			.headers((headers) -> headers.setBasicAuth(clientId, secret))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(body)
			.retrieve()
			.body(JSON);
		assertThat(answer).containsKey("access_token");
		return answer;
	}

	private JwtDecoder publishedKeys() {
		return NimbusJwtDecoder.withJwkSetUri(base() + "/oauth2/jwks").build();
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	private static String randomVerifier() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challenge(String verifier) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

}
