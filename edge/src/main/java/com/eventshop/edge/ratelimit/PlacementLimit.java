package com.eventshop.edge.ratelimit;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.Optional;

import com.eventshop.edge.EdgeSettings;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Limits order placement per customer (the authenticated subject): past the limit the
 * answer is {@code 429} with {@code Retry-After} and a problem detail, and the order
 * service never sees the request. Other customers are unaffected.
 *
 * <p>
 * Why not the gateway's Bucket4j filter: it needs a distributed bucket store (JCache,
 * Redis, ...) and answers without {@code Retry-After} or a problem body. The buckets here
 * live in this process, so with several gateway instances each enforces the limit on its
 * own share of the traffic: a shared store is the step to take when that matters.
 */
@Component
public class PlacementLimit implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	static final URI PROBLEM_TYPE = URI.create("urn:eventshop:problem:rate-limited");

	private final TokenBuckets buckets;

	PlacementLimit(EdgeSettings settings) {
		EdgeSettings.PlacementLimit limit = settings.placementLimit();
		this.buckets = new TokenBuckets(limit.capacity(), limit.refillPeriod(), limit.trackedCustomers(),
				System::nanoTime);
	}

	@Override
	public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		Optional<String> customer = request.principal().map(Principal::getName);
		if (customer.isEmpty()) {
			// security lets no anonymous request this far; should that
			// change, refuse rather than share one bucket among everyone
			return ServerResponse.status(HttpStatus.UNAUTHORIZED).build();
		}
		Optional<Duration> wait = this.buckets.take(customer.get());
		if (wait.isEmpty()) {
			return next.handle(request);
		}
		long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many orders placed in a short time; try again in " + seconds + " s.");
		problem.setType(PROBLEM_TYPE);
		problem.setTitle("Too many orders");
		return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
