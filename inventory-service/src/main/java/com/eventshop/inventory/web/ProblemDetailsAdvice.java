package com.eventshop.inventory.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.eventshop.inventory.stock.StockNotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into an RFC 9457 problem detail, with the order service's problem
 * types ({@code docs/api-problems.md}): validation problems name each invalid field, an
 * unknown SKU is {@code not-found}, unexpected failures are logged and answered with a
 * bare 500.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		addFieldErrors(ex.getBindingResult(), errors);
		return validationProblem(errors, headers);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			if (result instanceof ParameterErrors body) {
				addFieldErrors(body, errors);
				return;
			}
			String name = String.valueOf(result.getMethodParameter().getParameterName());
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				errors.add(Map.of("field", name, "message", String.valueOf(error.getDefaultMessage())));
			}
		});
		return validationProblem(errors, headers);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// The parser's message would echo internals; say what is wrong, not how it broke.
		return ResponseEntity.badRequest()
			.headers(headers)
			.body(problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
					"The request body is not valid JSON for this resource"));
	}

	@ExceptionHandler
	ProblemDetail notFound(StockNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
				"The request could not be completed; it has been logged");
	}

	/**
	 * Gives problems raised by Spring MVC itself (405, 415...) the type
	 * {@code about:blank} that RFC 9457 implies, so every problem carries a type.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getType() == null) {
			problem.setType(URI.create("about:blank"));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static void addFieldErrors(Errors objectErrors, List<Map<String, String>> errors) {
		for (FieldError error : objectErrors.getFieldErrors()) {
			errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
		}
	}

	private static ResponseEntity<Object> validationProblem(List<Map<String, String>> errors, HttpHeaders headers) {
		errors.sort(Comparator.comparing((error) -> error.get("field")));
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				"The request has " + errors.size() + " invalid field(s)");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().headers(headers).body(problem);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:eventshop:problem:" + type));
		problem.setTitle(title);
		return problem;
	}

}
