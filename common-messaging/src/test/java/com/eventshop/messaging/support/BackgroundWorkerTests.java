package com.eventshop.messaging.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import com.eventshop.messaging.support.BackgroundWorker.Pause;
import com.eventshop.messaging.support.BackgroundWorker.Stopping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker on real threads. Pauses that a test does not mean to end are an hour long,
 * so a round that follows one can only have been started by what the test did: a wake-up,
 * a round that asked for more, a stop.
 */
class BackgroundWorkerTests {

	private static final Duration HOUR = Duration.ofHours(1);

	/** Generous, for a busy machine: no test comes near it unless it fails. */
	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	/** How long a test watches for a round that must not come. */
	private static final Duration QUIET = Duration.ofMillis(500);

	private final List<Worker> workers = new ArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stopWorkers() {
		this.release.countDown();
		this.workers.forEach(Worker::stop);
	}

	@Test
	void runsRoundsOnANamedDaemonThreadThatStopEnds() {
		Worker worker = worker("worker-named", Stopping.byInterrupt(TIMEOUT), (round) -> false);
		assertThat(worker.isRunning()).isFalse();
		worker.start();
		assertThat(worker.isRunning()).isTrue();
		awaitRounds(worker, 1);
		Thread thread = worker.threads.getFirst();
		assertThat(thread.getName()).isEqualTo("worker-named");
		assertThat(thread.isDaemon()).isTrue();

		// Idle for an hour: only the interrupt lets stop() return with the thread gone.
		worker.stop();
		assertThat(worker.isRunning()).isFalse();
		assertEnded(worker);
		assertThat(worker.rounds).hasValue(1);
	}

	@Test
	void stoppingAfterTheRoundEndsAnIdlePauseToo() {
		Worker worker = worker("worker-idle", Stopping.afterRound(TIMEOUT), (round) -> false);
		worker.start();
		awaitRounds(worker, 1);

		worker.stop();
		assertThat(worker.isRunning()).isFalse();
		assertEnded(worker);
	}

	@Test
	void startsAgainOnANewThreadAfterAStop() {
		Worker worker = worker("worker-again", Stopping.byInterrupt(TIMEOUT), (round) -> false);
		worker.start();
		awaitRounds(worker, 1);
		worker.stop();

		worker.start();
		assertThat(worker.isRunning()).isTrue();
		awaitRounds(worker, 2);
		assertThat(worker.threads.get(1)).isNotSameAs(worker.threads.getFirst());
		assertThat(worker.threads.get(1).getName()).isEqualTo("worker-again");
		assertThat(worker.threads.get(1).isAlive()).isTrue();
		assertThat(worker.threads.getFirst().isAlive()).isFalse();
	}

	@Test
	void aWakeUpEndsTheIdlePause() {
		Worker worker = worker("worker-woken", Stopping.byInterrupt(TIMEOUT), (round) -> false);
		worker.start();
		awaitRounds(worker, 1);

		worker.wakeUp();
		awaitRounds(worker, 2);
		worker.wakeUp();
		awaitRounds(worker, 3);
	}

	@Test
	void wakeUpsWhileARoundRunsEndOnePauseOnly() {
		Worker worker = worker("worker-busy", Stopping.byInterrupt(TIMEOUT), (round) -> {
			if (round == 1) {
				awaitRelease();
			}
			return false;
		});
		worker.start();
		awaitRounds(worker, 1);
		worker.wakeUp();
		worker.wakeUp();
		worker.wakeUp();
		this.release.countDown();

		awaitRounds(worker, 2);
		assertNoMoreRounds(worker, 2);
	}

	@Test
	void aRoundThatLeavesMoreWorkIsFollowedAtOnce() {
		Worker worker = worker("worker-more", Stopping.byInterrupt(TIMEOUT), (round) -> round < 5);
		worker.start();

		awaitRounds(worker, 5);
		assertNoMoreRounds(worker, 5);
	}

	@Test
	void failuresInARowAreCountedAndPausedUntilARoundSucceeds() {
		Worker worker = worker("worker-failing", Stopping.byInterrupt(TIMEOUT), (round) -> switch (round) {
			case 1, 2, 4 -> throw new IllegalStateException("round " + round);
			case 3 -> true;
			default -> false;
		});
		worker.failurePause = Pause.full(Duration.ofMillis(10));
		worker.start();

		awaitRounds(worker, 5);
		assertThat(worker.failures).containsExactly(1, 2, 1);
		assertThat(worker.failed).extracting(Throwable::getMessage).containsExactly("round 1", "round 2", "round 4");
		assertThat(worker.isRunning()).isTrue();
		assertThat(worker.threads).containsOnly(worker.threads.getFirst());
	}

	@Test
	void aWakeUpEndsAFailurePauseThatAllowsIt() {
		Worker worker = pausedAfterAFailure("worker-woken-failing", Pause.upTo(HOUR));
		worker.wakeUp();
		awaitRounds(worker, 2);
	}

	@Test
	void aWakeUpDoesNotEndAFullFailurePauseButAStopDoes() {
		Worker worker = pausedAfterAFailure("worker-backing-off", Pause.full(HOUR));
		worker.wakeUp();
		assertNoMoreRounds(worker, 1);
		worker.stop();
		assertEnded(worker);
		assertThat(worker.rounds).hasValue(1);
	}

	@Test
	void stoppingByInterruptInterruptsTheRoundInProgress() {
		List<String> ends = new CopyOnWriteArrayList<>();
		Worker worker = inAWaitingRound("worker-interrupted", Stopping.byInterrupt(TIMEOUT), ends);

		worker.stop();
		assertThat(ends).containsExactly("interrupted");
		assertEnded(worker);
		assertThat(worker.rounds).hasValue(1);
	}

	@Test
	void stoppingAfterTheRoundLetsTheRoundInProgressFinish() throws Exception {
		List<String> ends = new CopyOnWriteArrayList<>();
		Worker worker = inAWaitingRound("worker-finishing", Stopping.afterRound(TIMEOUT), ends);

		CompletableFuture<Void> stopping = CompletableFuture.runAsync(worker::stop);
		await().atMost(TIMEOUT).until(() -> !worker.isRunning());
		assertThat(stopping).isNotDone();
		this.release.countDown();
		stopping.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

		assertThat(ends).containsExactly("finished");
		assertEnded(worker);
		assertThat(worker.rounds).hasValue(1);
	}

	@Test
	void exponentialDoublesUpToTheMaximum() {
		Duration max = Duration.ofSeconds(5);
		assertThat(BackgroundWorker.exponential(Duration.ofMillis(100), 0, max)).isEqualTo(Duration.ofMillis(100));
		assertThat(BackgroundWorker.exponential(Duration.ofMillis(100), 3, max)).isEqualTo(Duration.ofMillis(800));
		assertThat(BackgroundWorker.exponential(Duration.ofMillis(100), 6, max)).isEqualTo(max);
		assertThat(BackgroundWorker.exponential(Duration.ofMillis(100), Integer.MAX_VALUE, max)).isEqualTo(max);
		assertThat(BackgroundWorker.exponential(Duration.ofSeconds(8), 0, max)).isEqualTo(max);
		assertThat(BackgroundWorker.exponential(Duration.ZERO, 40, max)).isEqualTo(Duration.ZERO);
	}

	private Worker worker(String name, Stopping stopping, IntPredicate round) {
		Worker worker = new Worker(name, stopping, round);
		this.workers.add(worker);
		return worker;
	}

	private static void awaitRounds(Worker worker, int rounds) {
		await().atMost(TIMEOUT).until(() -> worker.rounds.get() == rounds);
	}

	/** Watches for a while that no further round starts. */
	private static void assertNoMoreRounds(Worker worker, int rounds) {
		await().during(QUIET).atMost(TIMEOUT).until(() -> worker.rounds.get() == rounds);
	}

	/** The worker's only thread has ended, and said so on its way out. */
	private static void assertEnded(Worker worker) {
		assertThat(worker.threads).hasSize(1);
		assertThat(worker.threads.getFirst().isAlive()).isFalse();
		assertThat(worker.endedOn).containsExactly(worker.threads.getFirst());
	}

	/**
	 * A started worker in its first round, which waits for {@link #release} and adds how
	 * that wait ended to {@code ends}. The round then asks for more, which a stopped
	 * worker must not do.
	 */
	private Worker inAWaitingRound(String name, Stopping stopping, List<String> ends) {
		Worker worker = worker(name, stopping, (round) -> {
			ends.add(awaitReleaseInterruptibly());
			return true;
		});
		worker.start();
		awaitRounds(worker, 1);
		return worker;
	}

	/** A started worker whose first round failed, in the given pause after it. */
	private Worker pausedAfterAFailure(String name, Pause pause) {
		Worker worker = worker(name, Stopping.byInterrupt(TIMEOUT), (round) -> {
			if (round == 1) {
				throw new IllegalStateException("round 1");
			}
			return false;
		});
		worker.failurePause = pause;
		worker.start();
		await().atMost(TIMEOUT).until(() -> worker.failures.size() == 1);
		return worker;
	}

	private void awaitRelease() {
		try {
			if (!this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException("Not released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private String awaitReleaseInterruptibly() {
		try {
			return this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS) ? "finished" : "timed out";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/**
	 * A worker whose rounds are given as a function of their number (from 1), and which
	 * records what its thread did.
	 */
	static final class Worker extends BackgroundWorker {

		private final IntPredicate round;

		final AtomicInteger rounds = new AtomicInteger();

		final List<Thread> threads = new CopyOnWriteArrayList<>();

		final List<Integer> failures = new CopyOnWriteArrayList<>();

		final List<RuntimeException> failed = new CopyOnWriteArrayList<>();

		final List<Thread> endedOn = new CopyOnWriteArrayList<>();

		volatile Pause failurePause = Pause.full(HOUR);

		Worker(String name, Stopping stopping, IntPredicate round) {
			super(name, HOUR, stopping);
			this.round = round;
		}

		@Override
		protected boolean runRound() {
			Thread current = Thread.currentThread();
			if (!this.threads.contains(current)) {
				this.threads.add(current);
			}
			return this.round.test(this.rounds.incrementAndGet());
		}

		@Override
		protected Pause roundFailed(RuntimeException failure, int failures) {
			this.failed.add(failure);
			this.failures.add(failures);
			return this.failurePause;
		}

		@Override
		protected void afterLastRound() {
			this.endedOn.add(Thread.currentThread());
		}

	}

}
