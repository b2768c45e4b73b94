package com.eventshop.analytics.rebuild;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A rebuild as the operator sees it.
 *
 * @param id the rebuild
 * @param state {@code RUNNING}, {@code SWAPPED} (done: the rebuilt projection serves) or
 * {@code FAILED} (the live projection is untouched)
 * @param startedAt when it started
 * @param updatedAt when it last reported progress
 * @param finishedAt when it swapped or failed
 * @param historySize records in the history when it started
 * @param recordsRead records read so far (the catch-up before the swap may add a few past
 * {@code historySize})
 * @param eventsApplied events the projection's rules applied
 * @param recordsSkipped records no rule reads, unreadable ones and repeated event ids
 * @param bytesPerRecord the average key, value and headers of a record read
 * @param eventsPerSecond records read per second of its run so far
 * @param error why it failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RebuildStatus(long id, String state, Instant startedAt, Instant updatedAt, @Nullable Instant finishedAt,
		long historySize, long recordsRead, long eventsApplied, long recordsSkipped, long bytesPerRecord,
		double eventsPerSecond, @Nullable String error) {

	static double rate(long records, Instant from, Instant to) {
		long millis = Math.max(1, Duration.between(from, to).toMillis());
		return Math.round(records * 10_000.0 / millis) / 10.0;
	}

}
