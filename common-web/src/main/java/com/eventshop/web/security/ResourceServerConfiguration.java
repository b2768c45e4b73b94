package com.eventshop.web.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import com.eventshop.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service is a resource server: a request carries the access token of the shop's
 * authorization server ({@code Authorization: Bearer}), checked here for its signature
 * (the server's key set), issuer, audience and expiry. The token's {@code roles} become
 * {@code ROLE_CUSTOMER} / {@code ROLE_OPERATOR} ({@link Roles}).
 * <ul>
 * <li>{@code /api/admin/**}, the service's {@code eventshop.security.operator-paths} and
 * the actuator beyond health and info: operator only;</li>
 * <li>every other {@code /api/**} request: any valid token (whose data a customer sees is
 * the controllers' business, through {@link Caller});</li>
 * <li>health (details for operators only), info and the API documents: anyone.</li>
 * </ul>
 * Missing or invalid tokens are answered {@code 401}, a valid token without the role
 * {@code 403}, both as problem details. Ordered before Boot's security
 * auto-configuration, whose default chain and generated user back off.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class },
		beforeName = "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration")
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerConfiguration {

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain eventshopSecurity(HttpSecurity http, SecurityProperties properties, JsonMapper json)
			throws Exception {
		JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(new Roles());
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.jwt((jwt) -> jwt.jwtAuthenticationConverter(authentication))
						.authenticationEntryPoint((request, response, ex) -> unauthorized(response, ex, json))
						.accessDeniedHandler((request, response, ex) -> forbidden(response, json)))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> unauthorized(response, ex, json))
				.accessDeniedHandler((request, response, ex) -> forbidden(response, json)))
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers("/error").permitAll();
				requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
				requests.requestMatchers("/actuator/**").hasRole(Roles.OPERATOR);
				requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
					.permitAll();
				requests.requestMatchers("/api/admin/**").hasRole(Roles.OPERATOR);
				for (String guarded : properties.operatorPaths()) {
					String[] parts = guarded.trim().split("\\s+", 2);
					if (parts.length == 2) {
						requests.requestMatchers(HttpMethod.valueOf(parts[0]), parts[1]).hasRole(Roles.OPERATOR);
					}
					else {
						requests.requestMatchers(parts[0]).hasRole(Roles.OPERATOR);
					}
				}
				requests.anyRequest().authenticated();
			});
		return http.build();
	}

	/**
	 * Checks what the contract promises of a token: the signature (by the key set,
	 * fetched at the first request and cached), the issuer, the audience and the time
	 * stamps.
	 */
	@Bean
	@ConditionalOnMissingBean(JwtDecoder.class)
	JwtDecoder eventshopJwtDecoder(SecurityProperties properties) {
		Resource publicKey = properties.publicKeyLocation();
		NimbusJwtDecoder decoder = (publicKey != null) ? NimbusJwtDecoder.withPublicKey(read(publicKey)).build()
				: NimbusJwtDecoder.withJwkSetUri(properties.effectiveJwkSetUri()).build();
		String audience = properties.audience();
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuerUri()),
						new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
								(audiences) -> audiences != null && audiences.contains(audience))));
		return decoder;
	}

	private static RSAPublicKey read(Resource location) {
		try (InputStream in = location.getInputStream()) {
			return RsaKeyConverters.x509().convert(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the public key at " + location, ex);
		}
	}

	private static void unauthorized(HttpServletResponse response, AuthenticationException ex, JsonMapper json)
			throws IOException {
		boolean invalid = ex instanceof OAuth2AuthenticationException;
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				invalid ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"eventshop\"");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		// The reason a token was refused stays in the server: a forger learns nothing
		json.writeValue(response.getOutputStream(),
				Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED, "Authentication required",
						invalid ? "The bearer token is not valid here" : "This request needs a bearer token"));
	}

	private static void forbidden(HttpServletResponse response, JsonMapper json) throws IOException {
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden",
				"This request needs the operator role"));
	}

}
