package com.eventshop.analytics.facts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The width of a time series bucket. Buckets are aligned in UTC, so that an hour starts
 * at :00 even for clients in zones offset by half an hour.
 */
enum Bucket {

	MINUTE(ChronoUnit.MINUTES), HOUR(ChronoUnit.HOURS);

	private final ChronoUnit unit;

	Bucket(ChronoUnit unit) {
		this.unit = unit;
	}

	/**
	 * The bucket a query parameter names.
	 * @throws InvalidQueryException for any other name
	 */
	static Bucket of(String text) {
		return Arrays.stream(values())
			.filter((bucket) -> bucket.text().equals(text))
			.findFirst()
			.orElseThrow(() -> new InvalidQueryException("bucket",
					"must be one of " + Arrays.stream(values()).map(Bucket::text).collect(Collectors.joining(", "))));
	}

	/**
	 * Its name in query parameters, responses and as PostgreSQL's {@code date_trunc}
	 * field.
	 */
	String text() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** How many buckets of this width a window touches, partial ones included. */
	long count(Window window) {
		Instant first = window.from().truncatedTo(this.unit);
		Instant last = window.to().minusNanos(1).truncatedTo(this.unit);
		return (last.getEpochSecond() - first.getEpochSecond()) / this.unit.getDuration().getSeconds() + 1;
	}

}
