package com.eventshop.edge;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may pass the front door. A browser signs in with the authorization code flow and
 * PKCE and from then on holds only a session cookie; the tokens stay in the session here.
 * A machine client sends its own bearer token, which is checked here too (signature,
 * issuer, audience) so that a forged token costs the services nothing. Anonymous browsers
 * are sent to the login; anonymous API clients get a 401 problem detail.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String REGISTRATION = "eventshop";

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; "
			+ "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	@Bean
	SecurityFilterChain edge(HttpSecurity http, ClientRegistrationRepository registrations, JsonMapper json)
			throws Exception {
		// Spring Security uses PKCE by itself only for public clients; the edge is a
		// confidential one, and the authorization server requires PKCE from it as well
		var authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(registrations,
				"/oauth2/authorization");
		authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		var logoutToIssuer = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		logoutToIssuer.setPostLogoutRedirectUri("{baseUrl}/");

		// the API's documentation (Swagger UI and each service's OpenAPI document)
		// describes the API and holds no data: anyone may read it. The operator
		// endpoints routed here, and the operator console's own (desk, break-it panel),
		// are refused to anyone else at the door, before any service is asked (and
		// checks the token again)
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health/**", "/error", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**",
					"/api-docs/**")
			.permitAll()
			.requestMatchers("/api/admin/**", "/console/ops/api/**")
			.hasRole(TokenRoles.OPERATOR)
			.anyRequest()
			.authenticated())
			.oauth2Login((login) -> login
				.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(authorizationRequests))
				.userInfoEndpoint((userInfo) -> userInfo.userAuthoritiesMapper(TokenRoles.ofSignedInUser())))
			.oauth2Client(Customizer.withDefaults())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(TokenRoles.ofBearerToken()))
				.authenticationEntryPoint(invalidTokenProblem(json)))
			.logout((logout) -> logout.logoutSuccessHandler(logoutToIssuer))
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(forbiddenProblem(json))
				.defaultAuthenticationEntryPointFor(
						new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/" + REGISTRATION), browser())
				.defaultAuthenticationEntryPointFor(unauthorizedProblem(json), (request) -> true))
			// a browser page reads the token from the XSRF-TOKEN cookie and sends it back
			// as
			// X-XSRF-TOKEN; a request with its own bearer token cannot be forged by a
			// browser. A forged request rides on the victim's session cookie: one with no
			// session has nothing to forge, so an anonymous API call is told 401, not 403
			.csrf((csrf) -> csrf.spa()
				.ignoringRequestMatchers(SecurityConfiguration::hasBearerToken,
						(request) -> request.getRequestedSessionId() == null))
			.addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	private static RequestMatcher browser() {
		var html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return (request) -> html.matches(request) && !hasBearerToken(request);
	}

	private static boolean hasBearerToken(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
	}

	/**
	 * A bearer token that is expired, forged, or meant for another audience or issuer:
	 * the standard {@code WWW-Authenticate: Bearer error="invalid_token"} and a problem
	 * detail, like every other refusal.
	 */
	private static AuthenticationEntryPoint invalidTokenProblem(JsonMapper json) {
		var bearer = new BearerTokenAuthenticationEntryPoint();
		return (request, response, exception) -> {
			bearer.commence(request, response, exception);
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
					"The bearer token is not valid here: expired, not signed by EventShop's authorization server, "
							+ "or meant for another audience.");
			problem.setType(URI.create("urn:eventshop:problem:unauthorized"));
			problem.setTitle("Unauthorized");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), problem);
		};
	}

	/**
	 * A request refused although its caller is known: a missing or wrong CSRF token, or a
	 * user or token without the role the path needs (the operator endpoints). {@code 403}
	 * as a problem detail.
	 */
	private static AccessDeniedHandler forbiddenProblem(JsonMapper json) {
		return (request, response, exception) -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
					(exception instanceof CsrfException)
							? "The request's CSRF token is missing or out of date; reload the page."
							: "This request needs the operator role.");
			problem.setType(URI.create("urn:eventshop:problem:forbidden"));
			problem.setTitle("Forbidden");
			String authorization = request.getHeader("Authorization");
			if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				// RFC 6750 §3.1: a valid token without the rights the resource needs
				response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
			}
			response.setStatus(HttpStatus.FORBIDDEN.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), problem);
		};
	}

	private static AuthenticationEntryPoint unauthorizedProblem(JsonMapper json) {
		return (request, response, exception) -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
					"Sign in, or send a valid bearer token.");
			problem.setType(URI.create("urn:eventshop:problem:unauthorized"));
			problem.setTitle("Unauthorized");
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), problem);
		};
	}

	/**
	 * Makes the deferred CSRF token render its cookie on every response, so that a page
	 * has it before its first form post.
	 */
	private static final class CsrfCookieFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}

	}

}
