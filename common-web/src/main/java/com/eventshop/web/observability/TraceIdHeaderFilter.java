package com.eventshop.web.observability;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request's trace id into an {@code X-Trace-Id} header of its response, before
 * anything else can write the response (security's 401, the size limit's 413, a handler's
 * problem detail), so that any answer, and an error above all, names the trace a user can
 * quote. Runs right after the filter that starts the request's observation.
 */
final class TraceIdHeaderFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String traceId = TraceIds.current();
		if (traceId != null) {
			response.setHeader(TraceIds.HEADER, traceId);
		}
		chain.doFilter(request, response);
	}

}
