package com.eventshop.web;

import com.eventshop.web.security.ResourceServerConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a service gets by depending on {@code common-web}, with Boot's own security and
 * Jackson auto-configuration present as in a service: our problem handling, filters and
 * resource-server security, in place of Boot's defaults.
 */
class WebAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(WebConfiguration.class,
			ResourceServerConfiguration.class, JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
			ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class);

	@Test
	void servletApplicationGetsProblemDetailsFiltersAndResourceServerSecurity() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ApiProblemHandler.class);
			assertThat(context).hasBean("requestBodyLimitFilter").hasBean("queryParametersFilter");
			assertThat(context.getBeansOfType(SecurityFilterChain.class)).as("Boot's default chain backed off")
				.containsOnlyKeys("eventshopSecurity");
			assertThat(context).hasSingleBean(JwtDecoder.class);
			assertThat(context).as("no generated password, nothing to log").doesNotHaveBean(UserDetailsService.class);
		});
	}

	@Test
	void nonWebApplicationGetsNothing() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ApiProblemHandler.class);
			assertThat(context).doesNotHaveBean(SecurityFilterChain.class);
			assertThat(context).doesNotHaveBean("requestBodyLimitFilter");
		});
	}

}
