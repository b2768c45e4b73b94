package com.eventshop.order.admission;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

/**
 * How long the saga would take to read what waits for it: its lag divided by the rate at
 * which its group committed offsets over the last {@link #WINDOW}. A count of records
 * means a different wait on every machine and at every mix of events; the time is what an
 * order accepted now waits before it is confirmed, whatever the machine does a second.
 * <p>
 * The rate is the group's capacity only while it had something to read all along: a group
 * that caught up within the window read what arrived, not what it could, and a burst
 * after a quiet spell would look like a long wait. So the delay is known only when every
 * reading of the window found a lag, and the readings span at least
 * {@link #SHORTEST_SPAN}. Then, by Little's law, it is also about how long a record has
 * been waiting. Unknown (also while the group commits nothing: it is stopped or
 * rebalancing), it refuses nothing by itself; the lag's own bound still applies. A
 * committed total that falls (offsets reset) starts the window again.
 */
final class SagaProgress {

	/** How far back the rate looks. */
	static final Duration WINDOW = Duration.ofSeconds(5);

	/** The shortest span of readings a rate is computed from. */
	static final Duration SHORTEST_SPAN = Duration.ofSeconds(1);

	private final Deque<Reading> readings = new ArrayDeque<>();

	/**
	 * Adds a reading and estimates the delay.
	 * @param nanos when it was read ({@link System#nanoTime()})
	 * @param committed the group's committed offsets, summed over its partitions
	 * @param lag records the group has not read yet
	 * @return the time the group would take to read its lag at its recent rate; zero
	 * without a lag; null when unknown
	 */
	synchronized @Nullable Duration delay(long nanos, long committed, long lag) {
		Reading last = this.readings.peekLast();
		if (last != null && committed < last.committed()) {
			this.readings.clear();
		}
		this.readings.addLast(new Reading(nanos, committed, lag));
		while (nanos - this.readings.getFirst().nanos() > WINDOW.toNanos()) {
			this.readings.removeFirst();
		}
		if (lag <= 0) {
			return Duration.ZERO;
		}
		Reading first = this.readings.getFirst();
		long span = nanos - first.nanos();
		long read = committed - first.committed();
		boolean busyAllAlong = this.readings.stream().allMatch((reading) -> reading.lag() > 0);
		if (span < SHORTEST_SPAN.toNanos() || read <= 0 || !busyAllAlong) {
			return null;
		}
		double nanosToRead = (double) lag * span / read;
		return Duration.ofNanos(Math.round(Math.min(Long.MAX_VALUE / 2.0, nanosToRead)));
	}

	/** Forgets every reading: the group could not be read. */
	synchronized void forget() {
		this.readings.clear();
	}

	private record Reading(long nanos, long committed, long lag) {
	}

}
