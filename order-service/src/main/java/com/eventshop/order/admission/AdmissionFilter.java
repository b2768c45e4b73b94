package com.eventshop.order.admission;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import com.eventshop.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Lets {@code POST /api/orders} in only while the pipeline can finish what was already
 * accepted (the cached {@link PipelineLoad}) and fewer than
 * {@link AdmissionProperties#maxInFlight()} placements are running; otherwise answers
 * {@code 503} with {@code Retry-After} and an {@code overloaded} problem at once. Nothing
 * here waits: the load is read from a cache and the in-flight permit is taken with
 * {@link Semaphore#tryAcquire()}, so a refusal costs microseconds and a refused request
 * never holds a thread or a database connection.
 */
class AdmissionFilter extends OncePerRequestFilter {

	static final String OVERLOADED = "overloaded";

	private final Supplier<PipelineLoad.Snapshot> load;

	private final AdmissionProperties properties;

	private final Semaphore inFlight;

	private final JsonMapper json;

	private final MeterRegistry meters;

	AdmissionFilter(Supplier<PipelineLoad.Snapshot> load, AdmissionProperties properties, JsonMapper json,
			MeterRegistry meters) {
		this.load = load;
		this.properties = properties;
		this.inFlight = new Semaphore(properties.maxInFlight());
		this.json = json;
		this.meters = meters;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/api/orders".equals(request.getRequestURI()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Overload overload = this.load.get().overload(this.properties);
		if (overload == null && !this.inFlight.tryAcquire()) {
			overload = Overload.IN_FLIGHT;
		}
		if (overload != null) {
			refuse(response, overload);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.inFlight.release();
		}
	}

	private void refuse(HttpServletResponse response, Overload overload) throws IOException {
		refusals(overload).increment();
		ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, OVERLOADED, "Overloaded",
				"The order service takes no new orders right now: " + overload.detail() + "; retry after "
						+ retryAfterSeconds() + " s");
		problem.setProperty("reason", overload.tag());
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds()));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/**
	 * {@code Retry-After} is in whole seconds (RFC 9110); never 0, which invites a storm.
	 */
	private long retryAfterSeconds() {
		long millis = this.properties.retryAfter().toMillis();
		return Math.max(1, (millis + 999) / 1000);
	}

	private Counter refusals(Overload overload) {
		return Counter.builder("eventshop.orders.admission.refused")
			.description("Order placements refused with 503 because the pipeline was behind")
			.tag("reason", overload.tag())
			.register(this.meters);
	}

}
