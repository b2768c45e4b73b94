package com.eventshop.analytics.facts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * A half-open window {@code [from, to)} of event time ({@code placedAt}), read from query
 * parameters. Instants are kept to microseconds, PostgreSQL's precision, so the window a
 * response names is exactly the one its rows were selected by.
 *
 * @param from first instant inside
 * @param to first instant after
 */
record Window(Instant from, Instant to) {

	/** The window when a request names neither end: the last 24 hours. */
	static final Duration DEFAULT_LENGTH = Duration.ofHours(24);

	// What both ISO-8601 without expanded years and PostgreSQL's timestamptz can hold
	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

	/**
	 * The window of the query parameters: {@code to} defaults to now and {@code from} to
	 * 24 hours before {@code to}.
	 * @throws InvalidQueryException if an end is not an instant or {@code from} is not
	 * before {@code to}
	 */
	static Window of(@Nullable String from, @Nullable String to, Clock clock) {
		Instant end = (to != null) ? instant("to", to) : Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
		Instant start = (from != null) ? instant("from", from) : end.minus(DEFAULT_LENGTH);
		if (!start.isBefore(end)) {
			throw new InvalidQueryException("from", "must be before to (" + end + ")");
		}
		return new Window(start, end);
	}

	private static Instant instant(String parameter, String text) {
		Instant instant;
		try {
			instant = Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidQueryException(parameter, "is not an ISO-8601 instant such as 2031-03-04T10:00:00Z");
		}
		if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
			throw new InvalidQueryException(parameter, "must lie in the years 0001 to 9999");
		}
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

}
