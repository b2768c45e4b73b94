package com.eventshop.order.order;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.eventshop.order.config.OrderProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlacementLimiterTests {

	@Test
	void noMoreThanTheBoundRunAtOnce() throws InterruptedException {
		PlacementLimiter limiter = limiter(2, Duration.ofSeconds(10));
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		Thread[] threads = new Thread[8];
		for (int i = 0; i < threads.length; i++) {
			threads[i] = Thread.ofVirtual().start(() -> limiter.place(() -> {
				most.accumulateAndGet(running.incrementAndGet(), Math::max);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return running.decrementAndGet();
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(most.get()).isEqualTo(2);
	}

	@Test
	void aPlacementThatWaitsTooLongIsRefusedAsBusy() throws InterruptedException {
		PlacementLimiter limiter = limiter(1, Duration.ofMillis(50));
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread holder = Thread.ofVirtual().start(() -> limiter.place(() -> {
			holding.countDown();
			try {
				return release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				return false;
			}
		}));
		holding.await();
		assertThatThrownBy(() -> limiter.place(() -> "placed")).isInstanceOf(PlacementsBusyException.class)
			.hasMessageContaining("50 ms");
		release.countDown();
		holder.join();
		assertThat(limiter.place(() -> "placed")).isEqualTo("placed");
	}

	@Test
	void aFailedPlacementGivesItsTurnBack() {
		PlacementLimiter limiter = limiter(1, Duration.ofMillis(50));
		assertThatIllegalStateException().isThrownBy(() -> limiter.place(() -> {
			throw new IllegalStateException("rolled back");
		}));
		assertThat(limiter.place(() -> "placed")).isEqualTo("placed");
	}

	private static PlacementLimiter limiter(int maxConcurrent, Duration maxWait) {
		return new PlacementLimiter(
				new OrderProperties(Duration.ofHours(24), new OrderProperties.Placements(maxConcurrent, maxWait)));
	}

}
