package com.eventshop.edge.console.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One load of the break-it panel and its accounting, the way the failure tests count: the
 * orders accepted (201), the ones that reached a final state (shipped, rejected,
 * cancelled), the ones still open, the e-mails sent twice for one order and kind
 * (duplicated), and whether the stock moved by exactly the units shipped (conserved, true
 * only while nothing else orders). Orders go straight to the order service with the
 * {@code load-generator} client's token, one SKU a line, at the chosen rate.
 */
final class LoadRun {

	private static final Log log = LogFactory.getLog(LoadRun.class);

	private static final Set<String> FINAL = Set.of("SHIPPED", "REJECTED", "CANCELLED");

	/**
	 * How long, once the load has stopped, the open orders may go without one of them
	 * reaching a final state before they are called missing.
	 */
	static final Duration PATIENCE = Duration.ofMinutes(5);

	private final ServiceCalls calls;

	private final LoadToken token;

	private final double rate;

	private final Duration patience;

	private final Instant startedAt = Instant.now();

	private final AtomicLong attempted = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	/** Accepted orders by id, with their SKU; the value becomes the final state. */
	private final Map<String, String> accepted = new ConcurrentHashMap<>();

	private final Map<String, String> skuOf = new ConcurrentHashMap<>();

	private final Map<String, String> finalState = new ConcurrentHashMap<>();

	private final Set<String> duplicated = ConcurrentHashMap.newKeySet();

	private volatile Map<String, Long> stockBefore = Map.of();

	private volatile boolean running = true;

	/** When the load last ran or an order last reached a final state. */
	private volatile Instant progressAt = Instant.now();

	private volatile Accounting last;

	LoadRun(ServiceCalls calls, LoadToken token, double rate) {
		this(calls, token, rate, PATIENCE);
	}

	LoadRun(ServiceCalls calls, LoadToken token, double rate, Duration patience) {
		this.calls = calls;
		this.token = token;
		this.rate = rate;
		this.patience = patience;
		this.last = new Accounting(rate, true, 0, 0, 0, 0, 0, false, 0, 0, null, this.startedAt);
	}

	void start() {
		Thread.ofVirtual().name("break-it load").start(this::place);
		Thread.ofVirtual().name("break-it accounting").start(this::account);
	}

	void stop() {
		this.running = false;
	}

	Accounting accounting() {
		return this.last;
	}

	private void place() {
		try {
			this.stockBefore = stock();
			List<String> skus = this.stockBefore.keySet().stream().sorted().toList();
			long pause = (long) (1_000_000_000L / this.rate);
			long next = System.nanoTime();
			for (int i = 0; this.running; i++) {
				String sku = skus.get(i % skus.size());
				placeOne(sku);
				next += pause;
				long wait = next - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(Duration.ofNanos(wait));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.warn("The break-it load stopped: " + ex.getMessage());
		}
		finally {
			this.running = false;
		}
	}

	private void placeOne(String sku) {
		this.attempted.incrementAndGet();
		String body = """
				{"lines":[{"sku":"%s","quantity":1}],
				 "shippingAddress":{"line1":"1 Break-It Lane","city":"Testville","postalCode":"12345","country":"GB"}}"""
			.formatted(sku);
		try {
			var answer = this.calls.postAs("order-service", "/api/orders", body, this.token.value(),
					UUID.randomUUID().toString());
			if (answer.getStatusCode().value() == 201 && answer.getBody() != null) {
				String id = answer.getBody().path("id").asString();
				this.accepted.put(id, sku);
				this.skuOf.put(id, sku);
			}
			else {
				this.refused.incrementAndGet();
			}
		}
		catch (RuntimeException ex) {
			// the order service is down: the order was not accepted, nothing to account
			this.refused.incrementAndGet();
		}
	}

	private void account() {
		while (true) {
			try {
				boolean wasRunning = this.running;
				int finalBefore = this.finalState.size();
				for (String id : List.copyOf(this.accepted.keySet())) {
					if (!this.finalState.containsKey(id)) {
						String status = this.calls.json("order-service", "/api/orders/" + id, this.token.value())
							.path("status")
							.asString();
						if (FINAL.contains(status)) {
							this.finalState.put(id, status);
						}
					}
					else if (this.finalState.get(id).equals("SHIPPED")) {
						checkEmails(id);
					}
				}
				if (wasRunning || this.finalState.size() > finalBefore) {
					this.progressAt = Instant.now();
				}
				boolean settled = !wasRunning && this.finalState.size() == this.accepted.size();
				if (settled) {
					// the last count: the orders that shipped in this very pass have not
					// been looked at yet, and a duplicate may have come since the last
					// look
					for (Map.Entry<String, String> order : this.finalState.entrySet()) {
						if (order.getValue().equals("SHIPPED")) {
							checkEmails(order.getKey());
						}
					}
				}
				this.last = snapshot(wasRunning);
				if (settled) {
					return;
				}
				Thread.sleep(Duration.ofSeconds(2));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// a service is down while it is being broken: count again in a moment
				try {
					Thread.sleep(Duration.ofSeconds(2));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void checkEmails(String id) {
		Map<String, Integer> kinds = new HashMap<>();
		for (JsonNode email : this.calls.json("email-service", "/api/emails?orderId=" + id, this.token.value())) {
			if (kinds.merge(email.path("kind").asString(), 1, Integer::sum) > 1) {
				this.duplicated.add(id);
			}
		}
	}

	private Accounting snapshot(boolean stillRunning) {
		long shipped = this.finalState.values().stream().filter("SHIPPED"::equals).count();
		@Nullable Boolean conserved = null;
		if (this.finalState.size() == this.accepted.size() && !stillRunning) {
			Map<String, Long> now = stock();
			Map<String, Long> shippedBySku = new HashMap<>();
			this.finalState.forEach((id, state) -> {
				if (state.equals("SHIPPED")) {
					shippedBySku.merge(this.skuOf.get(id), 1L, Long::sum);
				}
			});
			conserved = this.stockBefore.entrySet()
				.stream()
				.allMatch((sku) -> sku.getValue() - now.getOrDefault(sku.getKey(), 0L) == shippedBySku
					.getOrDefault(sku.getKey(), 0L));
		}
		long open = this.accepted.size() - this.finalState.size();
		// no verdict for good: the count goes on, and an order that gets there late
		// is no longer missing
		boolean stalled = !stillRunning && open > 0
				&& Duration.between(this.progressAt, Instant.now()).compareTo(this.patience) > 0;
		return new Accounting(this.rate, stillRunning, this.attempted.get(), this.accepted.size(), this.refused.get(),
				this.finalState.size(), open, stalled, shipped, this.duplicated.size(), conserved, this.startedAt);
	}

	/** Units on hand per SKU (available plus reserved): only shipping takes them away. */
	private Map<String, Long> stock() {
		Map<String, Long> stock = new HashMap<>();
		for (JsonNode level : this.calls.json("inventory-service", "/api/stock", this.token.value())) {
			stock.put(level.path("sku").asString(), level.path("available").asLong() + level.path("reserved").asLong());
		}
		return stock;
	}

	/**
	 * @param refused not accepted: overload (503), or the order service was down
	 * @param open accepted and not yet final: in flight while the load runs, then
	 * settling
	 * @param stalled the load has stopped, orders are open, and none has reached a final
	 * state for the patience: the open ones are missing
	 * @param stockConserved known once the load has stopped and every order is final
	 */
	record Accounting(double rate, boolean running, long attempted, long accepted, long refused, long completed,
			long open, boolean stalled, long shipped, long duplicated, @Nullable Boolean stockConserved,
			Instant startedAt) {
	}

}
