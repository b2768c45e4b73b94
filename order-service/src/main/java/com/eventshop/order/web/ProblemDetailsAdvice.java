package com.eventshop.order.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.eventshop.order.catalog.MixedCurrencyException;
import com.eventshop.order.catalog.UnknownSkuException;
import com.eventshop.order.order.IdempotencyKeyReusedException;
import com.eventshop.order.order.OrderNotFoundException;
import com.eventshop.order.order.RepeatedSkuException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DatabindException;

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
 * Turns every error into an RFC 9457 problem detail. Validation problems list each
 * invalid field; parsing problems say where the body went wrong without echoing parser
 * internals; unexpected failures are logged and answered with a bare 500.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		addObjectErrors(ex.getBindingResult(), errors);
		return validationProblem(errors, headers);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			if (result instanceof ParameterErrors objectErrors) {
				// A @Valid object such as the request body: name the fields inside it
				addObjectErrors(objectErrors, errors);
				return;
			}
			String name = result.getMethodParameter().getParameterName();
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				errors.add(Map.of("field", String.valueOf(name), "message", String.valueOf(error.getDefaultMessage())));
			}
		});
		return validationProblem(errors, headers);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = "The request body is not valid JSON for this resource";
		if (ex.getMostSpecificCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			detail += ": wrong type or value at '" + path(databind) + "'";
		}
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_BODY, "Malformed request body",
				detail);
		return ResponseEntity.badRequest().headers(headers).body(problem);
	}

	@ExceptionHandler
	ProblemDetail unknownSku(UnknownSkuException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, Problems.UNKNOWN_SKU, "Unknown product",
				ex.getMessage());
		problem.setProperty("skus", ex.getSkus());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail repeatedSku(RepeatedSkuException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.REPEATED_SKU, "Repeated product",
				ex.getMessage());
		problem.setProperty("skus", ex.getSkus());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail mixedCurrency(MixedCurrencyException ex) {
		return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, Problems.MIXED_CURRENCY, "Mixed currencies",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException ex) {
		return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, Problems.IDEMPOTENCY_KEY_REUSED, "Idempotency key reused",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail notFound(OrderNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL, "Internal error",
				"The request could not be completed; it has been logged");
	}

	/**
	 * Gives problems raised by Spring MVC itself (415, 405, a missing parameter...) the
	 * type {@code about:blank} that RFC 9457 implies for them, so that every problem the
	 * API returns carries a {@code type}.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getType() == null) {
			problem.setType(ABOUT_BLANK);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	/** Adds an error per invalid field of an object, e.g. {@code lines[0].quantity}. */
	private static void addObjectErrors(Errors objectErrors, List<Map<String, String>> errors) {
		for (FieldError error : objectErrors.getFieldErrors()) {
			errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
		}
		objectErrors.getGlobalErrors()
			.forEach((error) -> errors.add(Map.of("field", "", "message", String.valueOf(error.getDefaultMessage()))));
	}

	private static ResponseEntity<Object> validationProblem(List<Map<String, String>> errors, HttpHeaders headers) {
		errors.sort((a, b) -> a.get("field").compareTo(b.get("field")));
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "Invalid request",
				"The request has " + errors.size() + " invalid field(s)");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().headers(headers).body(problem);
	}

	/** Where in the body the problem is, e.g. {@code lines[0].quantity}. */
	private static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
