package com.eventshop.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a query string the server cannot decode (percent-encoding that is not UTF-8,
 * for example) with a 400 problem. The servlet container only parses parameters when
 * something first asks for them and then throws an {@link IllegalStateException}, which
 * would otherwise surface deep in a controller as a 500.
 */
class QueryParametersFilter extends OncePerRequestFilter {

	private final JsonMapper json;

	QueryParametersFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getQueryString() != null) {
			try {
				request.getParameterMap();
			}
			catch (IllegalStateException ex) {
				ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_QUERY,
						"Malformed query string", "The query string could not be decoded as UTF-8 parameters");
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				this.json.writeValue(response.getOutputStream(), problem);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
