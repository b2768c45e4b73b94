package com.eventshop.web.admin;

import java.util.UUID;

import com.eventshop.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic for operator endpoints. The shop's public API needs no login (customers are
 * identified in the request, as in the rest of this reference); operator actions do.
 * Ordered before Boot's security auto-configuration, whose default filter chain and
 * generated user back off when these exist.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class },
		beforeName = "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration")
@ConditionalOnClass(SecurityFilterChain.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AdminProperties.class)
public class AdminSecurityConfiguration {

	/** The role that operator endpoints require. */
	public static final String ADMIN_ROLE = "ADMIN";

	private static final Logger logger = LoggerFactory.getLogger(AdminSecurityConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain eventshopSecurity(HttpSecurity http, AdminProperties properties, JsonMapper json)
			throws Exception {
		AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"eventshop\"");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED,
					"Authentication required", "Operator endpoints need HTTP Basic credentials"));
		};
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic((basic) -> basic.authenticationEntryPoint(unauthorized))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(unauthorized))
			.authorizeHttpRequests((requests) -> {
				for (String guarded : properties.protectedPaths()) {
					String[] parts = guarded.trim().split("\\s+", 2);
					if (parts.length != 2) {
						throw new IllegalArgumentException("eventshop.admin.protected-paths entries are "
								+ "\"METHOD /path/**\", not \"" + guarded + "\"");
					}
					requests.requestMatchers(HttpMethod.valueOf(parts[0]), parts[1]).hasRole(ADMIN_ROLE);
				}
				requests.requestMatchers("/api/admin/**").hasRole(ADMIN_ROLE);
				requests.anyRequest().permitAll();
			});
		return http.build();
	}

	@Bean
	@ConditionalOnMissingBean(UserDetailsService.class)
	InMemoryUserDetailsManager adminUsers(AdminProperties properties) {
		String password = properties.password();
		if (password.isBlank()) {
			password = UUID.randomUUID().toString();
			logger.warn("No EVENTSHOP_ADMIN_PASSWORD set; generated operator password for '{}': {}", properties.user(),
					password);
		}
		return new InMemoryUserDetailsManager(User.withUsername(properties.user())
			.password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password))
			.roles(ADMIN_ROLE)
			.build());
	}

}
