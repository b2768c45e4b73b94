package com.eventshop.order.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Problem types of the API (RFC 9457). Each {@code type} is a stable URN that clients may
 * switch on; {@code docs/api-problems.md} describes them.
 */
final class Problems {

	static final String VALIDATION = "validation";

	static final String MALFORMED_BODY = "malformed-body";

	static final String BODY_TOO_LARGE = "body-too-large";

	static final String UNKNOWN_SKU = "unknown-sku";

	static final String REPEATED_SKU = "repeated-sku";

	static final String MIXED_CURRENCY = "mixed-currency";

	static final String IDEMPOTENCY_KEY_REUSED = "idempotency-key-reused";

	static final String NOT_FOUND = "not-found";

	static final String INTERNAL = "internal";

	private Problems() {
	}

	static URI type(String name) {
		return URI.create("urn:eventshop:problem:" + name);
	}

	static ProblemDetail of(HttpStatus status, String name, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(name));
		problem.setTitle(title);
		return problem;
	}

}
