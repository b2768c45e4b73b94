package com.eventshop.loadtests.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.eventshop.loadtests.measure.Latencies;

/**
 * An open-model load generator: requests start at a constant arrival rate, each at its
 * scheduled time, whether or not earlier ones were answered, as customers of a shop
 * arrive. Latency is measured from the scheduled start, so a generator that falls behind
 * or a server that stalls shows up in the figures instead of hiding in fewer requests
 * (coordinated omission).
 */
public final class OpenLoad {

	private final HttpClient client;

	private final URI orders;

	private final int maxInFlight;

	private final List<String> customers;

	/**
	 * @param orders where orders are placed
	 * @param maxInFlight unanswered requests after which arrivals are dropped
	 * @param customers the {@code Authorization} headers of the virtual customers, taken
	 * in turn, one per order; fetched before the run, so signing in is not measured
	 */
	public OpenLoad(URI orders, int maxInFlight, List<String> customers) {
		if (customers.isEmpty()) {
			throw new IllegalArgumentException("no customer to place orders as");
		}
		this.customers = List.copyOf(customers);
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		this.orders = orders;
		this.maxInFlight = maxInFlight;
	}

	/**
	 * Places orders at {@code rate} per second for {@code duration}, then waits up to
	 * {@code grace} for the last answers.
	 */
	public Result run(double rate, Duration duration, Duration grace) throws InterruptedException {
		long total = Math.round(rate * duration.toNanos() / 1e9);
		double interval = 1e9 / rate;
		int seconds = (int) Math.max(1, Math.ceil(duration.toNanos() / 1e9));
		List<Latencies> perSecond = new ArrayList<>(seconds);
		for (int i = 0; i < seconds; i++) {
			perSecond.add(new Latencies());
		}
		Latencies all = new Latencies();
		Latencies refusals = new Latencies();
		AtomicLong accepted = new AtomicLong();
		AtomicLong refused = new AtomicLong();
		AtomicLong otherStatus = new AtomicLong();
		AtomicLong unanswered = new AtomicLong();
		AtomicLong skipped = new AtomicLong();
		Semaphore inFlight = new Semaphore(this.maxInFlight);
		long start = System.nanoTime();
		for (long i = 0; i < total; i++) {
			long scheduled = start + (long) (i * interval);
			long wait;
			while ((wait = scheduled - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			if (!inFlight.tryAcquire()) {
				// the server holds maxInFlight requests:
				// count the arrival as lost, not late
				skipped.incrementAndGet();
				continue;
			}
			Latencies second = perSecond.get((int) Math.min(seconds - 1, (scheduled - start) / 1_000_000_000L));
			HttpRequest request = HttpRequest.newBuilder(this.orders)
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header("Authorization", this.customers.get((int) (i % this.customers.size())))
				.POST(HttpRequest.BodyPublishers.ofString(Orders.next()))
				.build();
			this.client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
				long micros = (System.nanoTime() - scheduled) / 1000;
				inFlight.release();
				if (error != null) {
					unanswered.incrementAndGet();
				}
				else if (response.statusCode() == 201) {
					accepted.incrementAndGet();
					all.add(micros);
					second.add(micros);
				}
				else if (response.statusCode() == 503) {
					refused.incrementAndGet();
					refusals.add(micros);
				}
				else {
					otherStatus.incrementAndGet();
				}
			});
		}
		long sendEnd = System.nanoTime();
		boolean finished = inFlight.tryAcquire(this.maxInFlight, grace.toMillis(), TimeUnit.MILLISECONDS);
		if (finished) {
			inFlight.release(this.maxInFlight);
		}
		double elapsed = (sendEnd - start) / 1e9;
		List<Latencies.Summary> seconds2 = perSecond.stream().map(Latencies::summary).toList();
		// answers still missing after the grace period count as unanswered
		long stillOpen = total - skipped.get() - accepted.get() - refused.get() - otherStatus.get() - unanswered.get();
		return new Result(rate, elapsed, total, accepted.get(), refused.get(), otherStatus.get(),
				unanswered.get() + Math.max(0, stillOpen), skipped.get(),
				(elapsed > 0) ? accepted.get() / Math.max(elapsed, duration.toNanos() / 1e9) : 0, all.summary(),
				refusals.summary(), seconds2);
	}

	/**
	 * One run at one rate.
	 *
	 * @param rate orders per second asked for
	 * @param seconds how long arrivals went on
	 * @param scheduled arrivals; each one is counted in exactly one of {@code accepted},
	 * {@code refused}, {@code otherStatus}, {@code unanswered} and {@code skipped}
	 * @param accepted answered {@code 201 Created}
	 * @param refused answered {@code 503 Service Unavailable} (the order service's
	 * admission control)
	 * @param otherStatus answered with any other status
	 * @param unanswered sent but not answered (an error, a timeout, or still open when
	 * the run ended)
	 * @param skipped arrivals not sent because the generator's in-flight window was full
	 * @param acceptedPerSecond accepted orders per second of the run
	 * @param latency latency of the accepted orders, from their scheduled start
	 * @param refusal latency of the refusals ({@code 503}), from their scheduled start
	 * @param perSecond latency of the accepted orders by the second they were scheduled
	 * in
	 */
	public record Result(double rate, double seconds, long scheduled, long accepted, long refused, long otherStatus,
			long unanswered, long skipped, double acceptedPerSecond, Latencies.Summary latency,
			Latencies.Summary refusal, List<Latencies.Summary> perSecond) {

		/** Arrivals that did not end in an accepted order, whatever the reason. */
		public long failed() {
			return this.refused + this.otherStatus + this.unanswered + this.skipped;
		}

	}

}
