package com.eventshop.web.observability;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Puts the order a request is about into the logging context ({@code orderId}) while it
 * is handled: the {@code {id}} of {@code /api/orders/{id}...}, an {@code {orderId}} path
 * variable, or an {@code orderId} query parameter. The one place where REST requests name
 * their order in the logs; event handlers get theirs from the consumer's observation.
 */
final class OrderLogContext implements HandlerInterceptor {

	static final String ORDER_ID = "orderId";

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String orderId = orderId(request);
		if (orderId != null) {
			MDC.put(ORDER_ID, orderId);
		}
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		MDC.remove(ORDER_ID);
	}

	private static @Nullable String orderId(HttpServletRequest request) {
		if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
			if (variables.get("orderId") instanceof String orderId) {
				return orderId;
			}
			if (request.getRequestURI().startsWith("/api/orders/") && variables.get("id") instanceof String id) {
				return id;
			}
		}
		return request.getParameter("orderId");
	}

}
