package com.eventshop.web;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details, the request size limit and strict JSON bodies for every servlet
 * service: a service gets them by depending on {@code common-web}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebConfiguration.WebProperties.class)
@Import(ApiDocsConfiguration.class)
public class WebConfiguration {

	@Bean
	@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
	ApiProblemHandler apiProblemHandler() {
		return new ApiProblemHandler();
	}

	/**
	 * A request body that repeats a key is malformed (400): by default Jackson lets the
	 * last one win, so {@code {"quantity": 7, "quantity": 1}} would be taken as an order
	 * the client may not have meant, and two parsers in front of each other could read it
	 * differently.
	 */
	@Bean
	JsonMapperBuilderCustomizer duplicateKeysAreMalformed() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebProperties properties, JsonMapper json) {
		var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxBodySize(), json));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<QueryParametersFilter> queryParametersFilter(JsonMapper json) {
		var registration = new FilterRegistrationBean<>(new QueryParametersFilter(json));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
		return registration;
	}

	/**
	 * Settings under {@code eventshop.web}.
	 *
	 * @param maxBodySize largest request body a service reads; larger ones get 413
	 */
	@ConfigurationProperties("eventshop.web")
	public record WebProperties(@DefaultValue("64KB") DataSize maxBodySize) {
	}

}
