package com.eventshop.analytics.facts;

/**
 * A query parameter that cannot be answered: answered with a 400 validation problem that
 * names the parameter.
 */
class InvalidQueryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String parameter;

	InvalidQueryException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	String getParameter() {
		return this.parameter;
	}

}
