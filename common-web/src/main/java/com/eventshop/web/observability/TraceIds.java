package com.eventshop.web.observability;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The id of the trace the current request belongs to, as tracing puts it into the logging
 * context ({@code traceId}). It is there whether or not the trace is sampled: an
 * unsampled trace is not exported, but its id is still in every log line of the request,
 * so a user who quotes it can be found in the logs.
 */
public final class TraceIds {

	/** Response header that carries the trace id on every API response. */
	public static final String HEADER = "X-Trace-Id";

	/** Problem detail property that carries the trace id. */
	public static final String PROPERTY = "traceId";

	private TraceIds() {
	}

	/**
	 * The current trace id.
	 * @return the id, or {@code null} outside a traced request
	 */
	public static @Nullable String current() {
		String traceId = MDC.get("traceId");
		return (traceId == null || traceId.isBlank()) ? null : traceId;
	}

}
