package com.eventshop.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
 * Turns every error of a service's API into an RFC 9457 problem detail with a
 * {@code type}. Validation problems list each invalid field (e.g.
 * {@code lines[0].quantity}); parsing problems say where the body went wrong without
 * echoing parser internals; unexpected failures are logged and answered with a bare 500.
 * <p>
 * A service with errors of its own extends this class, annotates the subclass with
 * {@code @RestControllerAdvice} and adds {@code @ExceptionHandler} methods; otherwise
 * this class is registered as it is.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiProblemHandler.class);

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
				// A @Valid object such as the request body: name the fields inside it.
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
		return ResponseEntity.badRequest()
			.headers(headers)
			.body(Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_BODY, "Malformed request body", detail));
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL, "Internal error",
				"The request could not be completed; it has been logged");
	}

	/**
	 * Gives problems raised by Spring MVC itself (415, 405, a missing parameter...) the
	 * type {@code about:blank} that RFC 9457 implies for them, so every problem carries a
	 * type.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getType() == null) {
			problem.setType(ABOUT_BLANK);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static void addObjectErrors(Errors objectErrors, List<Map<String, String>> errors) {
		for (FieldError error : objectErrors.getFieldErrors()) {
			errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
		}
		objectErrors.getGlobalErrors()
			.forEach((error) -> errors.add(Map.of("field", "", "message", String.valueOf(error.getDefaultMessage()))));
	}

	private static ResponseEntity<Object> validationProblem(List<Map<String, String>> errors, HttpHeaders headers) {
		errors.sort(Comparator.comparing((Map<String, String> error) -> error.get("field")));
		return ResponseEntity.badRequest().headers(headers).body(Problems.validation(errors));
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
