package com.eventshop.messaging.support;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * A {@link SmartLifecycle} that does its work in rounds on a background thread of its
 * own. {@link #start()} starts a daemon platform thread with the given name, which runs
 * {@link #runRound()} over and over until {@link #stop()}:
 * <ul>
 * <li>after a round that says more work is waiting, the next round starts at once;</li>
 * <li>after any other round, the thread waits for the idle pause, or less if
 * {@link #wakeUp()} is called meanwhile (for example after a commit that left work for
 * it);</li>
 * <li>a round that throws is handed to {@link #roundFailed}, which reports it and says
 * how long to pause before the next round: usually longer with every failure in a row
 * (see {@link #exponential}), and either ended early by a wake-up or not.</li>
 * </ul>
 * Wake-ups do not add up: any number of them while the thread is busy ends one pause.
 * <p>
 * {@link #stop()} either interrupts the round in progress or lets it finish (see
 * {@link Stopping}), and waits a bounded time for the thread to end; the thread calls
 * {@link #afterLastRound()} as it ends. A stopped worker can be started again, on a new
 * thread. {@link #isRunning()} is true from {@code start()} to {@code stop()}.
 */
public abstract class BackgroundWorker implements SmartLifecycle {

	private final String threadName;

	private final Duration idlePause;

	private final Stopping stopping;

	private final Semaphore wakeUps = new Semaphore(0);

	private volatile boolean running;

	private @Nullable Thread thread;

	/**
	 * A worker whose thread is called {@code threadName}.
	 * @param threadName the name of the worker's thread
	 * @param idlePause how long the thread waits for a wake-up after a round that left no
	 * work waiting, before it looks again anyway
	 * @param stopping how {@link #stop()} ends the thread
	 */
	protected BackgroundWorker(String threadName, Duration idlePause, Stopping stopping) {
		this.threadName = threadName;
		this.idlePause = idlePause;
		this.stopping = stopping;
	}

	/**
	 * One round of work, on the worker's thread.
	 * @return whether more work is waiting, so that the next round should start at once
	 * rather than after the idle pause
	 */
	protected abstract boolean runRound();

	/**
	 * Reports a round that threw, on the worker's thread, and says how long to pause
	 * before the next one.
	 * @param failure what the round threw
	 * @param failures rounds failed in a row, this one included (1 after a success)
	 * @return the pause before the next round
	 */
	protected abstract Pause roundFailed(RuntimeException failure, int failures);

	/**
	 * Called on the worker's thread as it ends, after its last round; the place to
	 * release what the rounds kept open. Does nothing by default.
	 */
	protected void afterLastRound() {
	}

	/**
	 * Asks for the next round now rather than at the end of the idle pause (or of a
	 * failure pause that wake-ups may end). While the thread is busy, the wake-up waits
	 * for it; several of them end one pause only.
	 */
	public void wakeUp() {
		if (this.wakeUps.availablePermits() == 0) {
			this.wakeUps.release();
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = Thread.ofPlatform().name(this.threadName).daemon().start(this::run);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread current = this.thread;
		if (current == null) {
			return;
		}
		if (this.stopping.interrupt()) {
			current.interrupt();
		}
		else {
			this.wakeUps.release();
		}
		try {
			current.join(this.stopping.timeout());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		int failures = 0;
		try {
			while (this.running) {
				Pause pause;
				try {
					boolean more = runRound();
					failures = 0;
					if (more) {
						continue;
					}
					pause = Pause.upTo(this.idlePause);
				}
				catch (RuntimeException ex) {
					failures++;
					pause = roundFailed(ex, failures);
				}
				pause(pause);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		afterLastRound();
	}

	private void pause(Pause pause) throws InterruptedException {
		if (pause.endsOnWakeUp()) {
			this.wakeUps.tryAcquire(pause.length().toMillis(), TimeUnit.MILLISECONDS);
		}
		else {
			Thread.sleep(pause.length());
		}
	}

	/**
	 * {@code base} doubled {@code doublings} times, but at most {@code max}: the usual
	 * pause after failures in a row.
	 * @param base the pause before any doubling
	 * @param doublings how often to double it
	 * @param max the longest pause
	 * @return the pause
	 */
	protected static Duration exponential(Duration base, int doublings, Duration max) {
		Duration pause = base;
		for (int i = 0; i < Math.min(doublings, 64) && pause.compareTo(max) < 0; i++) {
			pause = pause.multipliedBy(2);
		}
		return (pause.compareTo(max) > 0) ? max : pause;
	}

	/**
	 * How long the worker's thread waits before its next round.
	 *
	 * @param length the longest wait
	 * @param endsOnWakeUp whether {@link #wakeUp()} ends it early
	 */
	public record Pause(Duration length, boolean endsOnWakeUp) {

		/**
		 * A pause that a wake-up ends early.
		 * @param length the longest wait
		 * @return the pause
		 */
		public static Pause upTo(Duration length) {
			return new Pause(length, true);
		}

		/**
		 * A pause that wake-ups do not shorten, for example while a failing resource must
		 * not be retried faster because more work arrived. Only an interrupt ends it
		 * early, so it suits {@link Stopping#byInterrupt}.
		 * @param length the wait
		 * @return the pause
		 */
		public static Pause full(Duration length) {
			return new Pause(length, false);
		}

	}

	/**
	 * How {@link #stop()} ends the worker's thread.
	 *
	 * @param interrupt whether it interrupts the thread (ending a pause and whatever in
	 * the round responds to interrupts) rather than letting the round in progress finish
	 * @param timeout how long {@code stop()} waits for the thread to end
	 */
	public record Stopping(boolean interrupt, Duration timeout) {

		/**
		 * Interrupts the thread, for rounds that may be abandoned half way (a transaction
		 * that rolls back, a send that is retried).
		 * @param timeout how long {@code stop()} waits for the thread to end
		 * @return the way of stopping
		 */
		public static Stopping byInterrupt(Duration timeout) {
			return new Stopping(true, timeout);
		}

		/**
		 * Lets the round in progress finish and ends a pause that a wake-up may end, for
		 * rounds that an interrupt could leave in a worse state than finishing.
		 * @param timeout how long {@code stop()} waits for the thread to end
		 * @return the way of stopping
		 */
		public static Stopping afterRound(Duration timeout) {
			return new Stopping(false, timeout);
		}

	}

}
