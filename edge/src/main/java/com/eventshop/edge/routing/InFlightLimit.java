package com.eventshop.edge.routing;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code limit} API requests in the gateway at once; one more is answered
 * {@code 503} at once, with {@code Retry-After} and an
 * {@code urn:eventshop:problem:overloaded} problem, before security or routing spend
 * anything on it.
 * <p>
 * The gateway runs each request on a virtual thread, so nothing else bounds how many it
 * holds: with the services slow, every request waits for its answer up to the read
 * timeout, and arrivals faster than answers pile up until the heap is gone (a benchmark
 * asking 600 orders/s of a loaded two-core machine ended the gateway with
 * {@code OutOfMemoryError} within a minute). A permit is taken without waiting, so a
 * refusal costs no thread and no memory. Not a library's limiter: Resilience4j's bulkhead
 * would do the counting, but not the problem detail, and Tomcat's {@code max-connections}
 * only stops accepting (the client waits in the accept queue, the opposite of a fast
 * answer).
 */
class InFlightLimit extends OncePerRequestFilter {

	static final URI PROBLEM_TYPE = URI.create("urn:eventshop:problem:overloaded");

	private final int limit;

	private final Semaphore permits;

	private final JsonMapper json;

	InFlightLimit(int limit, JsonMapper json) {
		this.limit = limit;
		this.permits = new Semaphore(limit);
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.permits.tryAcquire()) {
			overloaded(response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.permits.release();
		}
	}

	private void overloaded(HttpServletResponse response) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The gateway is already passing on " + this.limit + " requests; try again shortly.");
		problem.setType(PROBLEM_TYPE);
		problem.setTitle("Overloaded");
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, "1");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
