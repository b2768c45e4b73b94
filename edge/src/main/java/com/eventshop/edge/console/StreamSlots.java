package com.eventshop.edge.console;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Counts the live streams open now, per user and in all, and refuses one beyond either
 * bound at once: a refused stream waits in no queue.
 */
final class StreamSlots {

	private final int perUser;

	private final int overall;

	private final Map<String, Integer> byUser = new HashMap<>();

	private int open;

	StreamSlots(int perUser, int overall) {
		this.perUser = perUser;
		this.overall = overall;
	}

	/** A slot for one more stream of this user, or null when none is free. */
	synchronized @Nullable Slot take(String user) {
		int mine = this.byUser.getOrDefault(user, 0);
		if (mine >= this.perUser || this.open >= this.overall) {
			return null;
		}
		this.byUser.put(user, mine + 1);
		this.open++;
		return new Slot(user);
	}

	synchronized int open() {
		return this.open;
	}

	private synchronized void give(String user) {
		this.open--;
		this.byUser.computeIfPresent(user, (name, count) -> (count > 1) ? count - 1 : null);
	}

	/** One stream's place; closing it frees the place (once). */
	final class Slot implements AutoCloseable {

		private final String user;

		private boolean closed;

		private Slot(String user) {
			this.user = user;
		}

		@Override
		public void close() {
			synchronized (StreamSlots.this) {
				if (!this.closed) {
					this.closed = true;
					give(this.user);
				}
			}
		}

	}

}
