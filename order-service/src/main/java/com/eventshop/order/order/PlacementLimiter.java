package com.eventshop.order.order;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.eventshop.order.config.OrderProperties;

import org.springframework.stereotype.Component;

/**
 * Lets a bounded number of order placements run at once, first come first served. The
 * wait happens here, outside any transaction, so that the database pool's own queue stays
 * short and the saga's listeners and the outbox relay get a connection at once.
 */
@Component
class PlacementLimiter {

	private final Semaphore permits;

	private final Duration maxWait;

	PlacementLimiter(OrderProperties properties) {
		this.permits = new Semaphore(properties.placements().maxConcurrent(), true);
		this.maxWait = properties.placements().maxWait();
	}

	/**
	 * Runs a placement when its turn comes.
	 * @throws PlacementsBusyException when the turn did not come within the maximum wait
	 */
	<T> T place(Supplier<T> placement) {
		boolean acquired;
		try {
			acquired = this.permits.tryAcquire(this.maxWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PlacementsBusyException(this.maxWait);
		}
		if (!acquired) {
			throw new PlacementsBusyException(this.maxWait);
		}
		try {
			return placement.get();
		}
		finally {
			this.permits.release();
		}
	}

}
