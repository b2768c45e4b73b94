package com.eventshop.web.observability;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The order id in the logging context of every servlet service's requests, and the trace
 * id on every response: an {@code X-Trace-Id} header, and a {@code traceId} property of
 * every problem detail.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ObservabilityWebConfiguration {

	@Bean
	WebMvcConfigurer orderLogContext() {
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new OrderLogContext()).addPathPatterns("/api/**");
			}
		};
	}

	/**
	 * Right after Boot's HTTP observation filter (which opens the request's trace at
	 * {@code HIGHEST_PRECEDENCE + 1}), before security and the request limits.
	 */
	@Bean
	FilterRegistrationBean<TraceIdHeaderFilter> traceIdHeaderFilter() {
		var registration = new FilterRegistrationBean<>(new TraceIdHeaderFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	@Bean
	ProblemTraceIdAdvice problemTraceIdAdvice() {
		return new ProblemTraceIdAdvice();
	}

}
