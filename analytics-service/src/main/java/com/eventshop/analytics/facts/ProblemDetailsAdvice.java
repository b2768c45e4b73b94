package com.eventshop.analytics.facts;

import com.eventshop.web.ApiProblemHandler;
import com.eventshop.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The analytics API's own problems (see the module's README); everything else is shared
 * {@link ApiProblemHandler} behaviour.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ApiProblemHandler {

	@ExceptionHandler
	ProblemDetail invalidQuery(InvalidQueryException ex) {
		return Problems.validation(ex.getParameter(), ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail tooManyBuckets(TooManyBucketsException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "too-many-buckets",
				"Window too large for the bucket", ex.getMessage());
		problem.setProperty("buckets", ex.getBuckets());
		problem.setProperty("maxBuckets", ex.getMaxBuckets());
		return problem;
	}

}
