package com.eventshop.analytics.facts;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into an RFC 9457 problem detail with a {@code type}: the API's own
 * problems (see the module's README) as {@code urn:eventshop:problem:*} URNs, Spring
 * MVC's as {@code about:blank}; unexpected failures are logged and answered with a bare
 * 500.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	@ExceptionHandler
	ProblemDetail invalidQuery(InvalidQueryException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				"Query parameter '" + ex.getParameter() + "' " + ex.getMessage());
		problem.setProperty("errors", List.of(Map.of("field", ex.getParameter(), "message", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail tooManyBuckets(TooManyBucketsException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "too-many-buckets", "Window too large for the bucket",
				ex.getMessage());
		problem.setProperty("buckets", ex.getBuckets());
		problem.setProperty("maxBuckets", ex.getMaxBuckets());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
				"The request could not be completed; it has been logged");
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getType() == null) {
			problem.setType(ABOUT_BLANK);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:eventshop:problem:" + type));
		problem.setTitle(title);
		return problem;
	}

}
