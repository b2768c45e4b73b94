package com.eventshop.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.eventshop.web.observability.TraceIds;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Problem types of the EventShop APIs (RFC 9457). Each {@code type} is a stable URN,
 * {@code urn:eventshop:problem:<name>}, that clients may switch on;
 * {@code docs/api-problems.md} lists them. Spring MVC's own errors keep the type
 * {@code about:blank}. Every problem carries the request's trace id ({@code traceId}),
 * the one a user quotes when reporting it.
 */
public final class Problems {

	public static final String VALIDATION = "validation";

	public static final String MALFORMED_BODY = "malformed-body";

	public static final String BODY_TOO_LARGE = "body-too-large";

	public static final String MALFORMED_QUERY = "malformed-query";

	public static final String NOT_FOUND = "not-found";

	public static final String UNAUTHORIZED = "unauthorized";

	public static final String FORBIDDEN = "forbidden";

	public static final String INTERNAL = "internal";

	private Problems() {
	}

	public static URI type(String name) {
		return URI.create("urn:eventshop:problem:" + name);
	}

	public static ProblemDetail of(HttpStatus status, String name, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(name));
		problem.setTitle(title);
		String traceId = TraceIds.current();
		if (traceId != null) {
			problem.setProperty(TraceIds.PROPERTY, traceId);
		}
		return problem;
	}

	/**
	 * A 400 validation problem listing each invalid field.
	 * @param errors {@code field} and {@code message} of each error
	 */
	public static ProblemDetail validation(List<Map<String, String>> errors) {
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, VALIDATION, "Invalid request",
				"The request has " + errors.size() + " invalid field(s)");
		problem.setProperty("errors", errors);
		return problem;
	}

	/** A 400 validation problem of one field or parameter. */
	public static ProblemDetail validation(String field, String message) {
		ProblemDetail problem = validation(List.of(Map.of("field", field, "message", message)));
		problem.setDetail("'" + field + "' " + message);
		return problem;
	}

}
