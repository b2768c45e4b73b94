package com.eventshop.inventory.web;

import com.eventshop.inventory.stock.StockNotFoundException;
import com.eventshop.inventory.stock.StockPreconditionException;
import com.eventshop.web.ApiProblemHandler;
import com.eventshop.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The stock API's own problems; everything else is shared {@link ApiProblemHandler}
 * behaviour.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ApiProblemHandler {

	@ExceptionHandler
	ProblemDetail notFound(StockNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail precondition(StockPreconditionException ex) {
		return ex.required()
				? Problems.of(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "Version required",
						ex.getMessage())
				: Problems.of(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Stock changed", ex.getMessage());
	}

}
