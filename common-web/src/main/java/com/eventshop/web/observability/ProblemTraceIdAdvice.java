package com.eventshop.web.observability;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds the trace id ({@code traceId}) to every problem detail a controller or exception
 * handler answers with, Spring MVC's own included; the ones written by filters get it
 * from {@link com.eventshop.web.Problems#of}.
 */
@ControllerAdvice
final class ProblemTraceIdAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem) {
			String traceId = TraceIds.current();
			if (traceId != null
					&& (problem.getProperties() == null || !problem.getProperties().containsKey(TraceIds.PROPERTY))) {
				problem.setProperty(TraceIds.PROPERTY, traceId);
			}
		}
		return body;
	}

}
