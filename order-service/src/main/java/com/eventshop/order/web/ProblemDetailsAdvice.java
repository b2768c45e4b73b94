package com.eventshop.order.web;

import com.eventshop.web.ApiProblemHandler;
import com.eventshop.web.Problems;
import com.eventshop.order.catalog.MixedCurrencyException;
import com.eventshop.order.catalog.UnknownSkuException;
import com.eventshop.order.ordering.IdempotencyKeyReusedException;
import com.eventshop.order.ordering.OrderNotCancellableException;
import com.eventshop.order.ordering.OrderNotFoundException;
import com.eventshop.order.ordering.RepeatedSkuException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The order API's own problems; everything else is shared {@link ApiProblemHandler}
 * behaviour.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ApiProblemHandler {

	@ExceptionHandler
	ProblemDetail unknownSku(UnknownSkuException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-sku", "Unknown product",
				ex.getMessage());
		problem.setProperty("skus", ex.getSkus());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail repeatedSku(RepeatedSkuException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "repeated-sku", "Repeated product",
				ex.getMessage());
		problem.setProperty("skus", ex.getSkus());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail mixedCurrency(MixedCurrencyException ex) {
		return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "mixed-currency", "Mixed currencies", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException ex) {
		return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail notCancellable(OrderNotCancellableException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "order-not-cancellable", "Order not cancellable",
				ex.getMessage());
		// Not "status": RFC 9457 reserves that member for the HTTP status code.
		problem.setProperty("orderStatus", ex.getStatus().name());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notFound(OrderNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found", ex.getMessage());
	}

}
