package com.eventshop.analytics.facts;

import java.time.Clock;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/analytics/summary} and {@code GET /api/analytics/timeseries}. Windows
 * are {@code [from, to)} in ISO-8601 instants and select orders by when they were placed;
 * without {@code from} and {@code to} a window is the last 24 hours.
 */
@RestController
@RequestMapping("/api/analytics")
class AnalyticsController {

	private final Aggregates aggregates;

	private final Clock clock;

	AnalyticsController(Aggregates aggregates, Clock clock) {
		this.aggregates = aggregates;
		this.clock = clock;
	}

	@GetMapping("/summary")
	Summary summary(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		return this.aggregates.summary(Window.of(from, to, this.clock));
	}

	/**
	 * Orders and revenue per bucket ({@code hour} unless named) and currency; with
	 * {@code currency}, of that currency only.
	 */
	@GetMapping("/timeseries")
	@ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "Orders and revenue per bucket")
	@ApiResponse(responseCode = "400", description = "urn:eventshop:problem:too-many-buckets when the window holds"
			+ " more than 10,000 buckets of the requested size")
	Timeseries timeseries(@RequestParam(required = false) @Nullable String bucket,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String currency) {
		// Not a defaultValue: Spring would apply it to "bucket=" too, which is no bucket
		Bucket width = (bucket != null) ? Bucket.of(bucket) : Bucket.HOUR;
		Window window = Window.of(from, to, this.clock);
		if (currency != null && !currency.matches("[A-Z]{3}")) {
			throw new InvalidQueryException("currency", "must be an ISO 4217 code such as EUR");
		}
		return this.aggregates.timeseries(window, width, currency);
	}

}
