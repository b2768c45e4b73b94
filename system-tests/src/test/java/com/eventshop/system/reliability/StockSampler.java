package com.eventshop.system.reliability;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads inventory's stock every two seconds while a scenario runs, so that stock gone
 * negative or units unaccounted for in the middle of a run are seen even when the end
 * looks right. A read that fails (the database is what the fault cut off) is skipped.
 */
final class StockSampler {

	private final List<Map<String, StockLevel>> samples = new ArrayList<>();

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

	StockSampler(FaultStack stack) {
		this.ticker.scheduleWithFixedDelay(() -> {
			try {
				Map<String, StockLevel> read = Accounting.stock(stack);
				synchronized (this.samples) {
					this.samples.add(read);
				}
			}
			catch (SQLException ex) {
				// cut off with the service, or the server is busy: the next read counts
			}
		}, 0, 2, TimeUnit.SECONDS);
	}

	/** Stops sampling and returns every read taken. */
	List<Map<String, StockLevel>> stop() throws InterruptedException {
		this.ticker.shutdownNow();
		this.ticker.awaitTermination(1, TimeUnit.MINUTES);
		synchronized (this.samples) {
			return List.copyOf(this.samples);
		}
	}

}
