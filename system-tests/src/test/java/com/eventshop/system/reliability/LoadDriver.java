package com.eventshop.system.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntPredicate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Places orders over HTTP at a steady rate, for a bounded number of orders, and records
 * the id of every order that was answered {@code 201}: the orders the shop promised to
 * handle. Any other answer (or no answer, while order-service is down) is counted by
 * status, never retried: a client that got no {@code 201} was not promised anything.
 */
final class LoadDriver {

	private static final JsonMapper json = JsonMapper.builder().build();

	static final List<String> SKUS = List.of("MUG-001", "TEE-002", "CAP-003");

	/**
	 * How long a client waits for its answer. Generous on purpose: on a busy machine (a
	 * parallel build, a cold JIT) the order service answers slower than the orders arrive
	 * for a while, and the requests queue in front of its few request threads; a short
	 * budget turned each of them into "no answer" (issue #13), though the service went on
	 * to take most of those orders once the client had hung up.
	 */
	static final Duration ANSWER_TIMEOUT = Duration
		.parse("PT" + System.getProperty("reliability.answer-timeout", "90s").toUpperCase());

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

	private final String ordersUrl;

	private final IntPredicate marked;

	private final Function<String, String> authorization;

	private final Set<UUID> acceptedMarked = ConcurrentHashMap.newKeySet();

	private final Set<UUID> accepted = ConcurrentHashMap.newKeySet();

	private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();

	private final List<CompletableFuture<Void>> requests = new ArrayList<>();

	private final AtomicInteger sent = new AtomicInteger();

	/**
	 * @param orderServiceUrl where order-service listens
	 * @param marked which orders (by number, from 0) get a customer id starting with
	 * {@code marked-}, for a fault that concerns only some orders
	 * @param authorization the {@code Authorization} header of a customer (
	 * {@code load-1}..{@code load-N}, {@code marked-1}..{@code marked-N}, see
	 * {@link FaultStack#customer}): each order is placed by a signed-in customer
	 */
	LoadDriver(String orderServiceUrl, IntPredicate marked, Function<String, String> authorization) {
		this.ordersUrl = orderServiceUrl + "/api/orders";
		this.marked = marked;
		this.authorization = authorization;
	}

	/** Which customer places order {@code number}: one of a few, in turn. */
	private static String customer(int number, boolean mark) {
		return (mark ? "marked-" : "load-") + (1 + number % FaultStack.CUSTOMERS);
	}

	/**
	 * Places {@code perSecond × duration} orders, evenly spaced, and returns once every
	 * request has been answered or timed out.
	 */
	void run(int perSecond, Duration duration) throws InterruptedException {
		int total = (int) (perSecond * duration.toMillis() / 1000);
		long periodMicros = 1_000_000L / perSecond;
		// every customer signs in before the first order, not while the load runs
		for (int number = 0; number < FaultStack.CUSTOMERS; number++) {
			this.authorization.apply(customer(number, false));
			this.authorization.apply(customer(number, true));
		}
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		try {
			ticker.scheduleAtFixedRate(() -> {
				int number = this.sent.getAndIncrement();
				if (number < total) {
					place(number);
				}
			}, 0, periodMicros, TimeUnit.MICROSECONDS);
			while (this.sent.get() < total) {
				ticker.awaitTermination(100, TimeUnit.MILLISECONDS);
			}
		}
		finally {
			ticker.shutdownNow();
		}
		List<CompletableFuture<Void>> all;
		synchronized (this.requests) {
			all = List.copyOf(this.requests);
		}
		CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
	}

	/** How many orders were sent so far: the clock a fault is timed by. */
	int sent() {
		return this.sent.get();
	}

	Set<UUID> accepted() {
		return Set.copyOf(this.accepted);
	}

	/** The accepted orders whose customer id was marked. */
	Set<UUID> acceptedMarked() {
		return Set.copyOf(this.acceptedMarked);
	}

	/** The answers other than 201, by status ("no answer" for a failed connection). */
	Map<String, Integer> refused() {
		Map<String, Integer> counts = new TreeMap<>();
		this.refused.forEach((status, count) -> counts.put(status, count.get()));
		return counts;
	}

	private void place(int number) {
		String sku = SKUS.get(number % SKUS.size());
		boolean mark = this.marked.test(number);
		String body = """
				{"lines": [{"sku": "%2$s", "quantity": 1}],
				 "shippingAddress": {"line1": "1 Load Street", "city": "London", "postalCode": "SW1Y 4JH", "country": "GB"}}
				"""
			.formatted(number, sku);
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.ordersUrl))
			.timeout(ANSWER_TIMEOUT)
			.header("Authorization", this.authorization.apply(customer(number, mark)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		CompletableFuture<Void> answered = this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
			.handle((response, failure) -> {
				if (failure == null && response.statusCode() == 201) {
					UUID id = UUID.fromString(json.readTree(response.body()).get("id").asString());
					this.accepted.add(id);
					if (mark) {
						this.acceptedMarked.add(id);
					}
				}
				else {
					String status = (failure != null) ? "no answer" : Integer.toString(response.statusCode());
					this.refused.computeIfAbsent(status, (key) -> new AtomicInteger()).incrementAndGet();
				}
				return null;
			});
		synchronized (this.requests) {
			this.requests.add(answered);
		}
	}

}
