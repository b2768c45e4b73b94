package com.eventshop.order.ordering;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.eventshop.events.Customer;
import com.eventshop.messaging.outbox.Outbox;
import com.eventshop.order.catalog.Catalog;
import com.eventshop.order.config.OrderProperties;
import com.eventshop.web.security.Caller;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places, cancels and finds orders. Placing or cancelling stores the change and its event
 * in one transaction; the outbox relay publishes the event after the commit.
 */
@Service
public class OrderManagement {

	private final OrderRepository orders;

	private final NewOrders newOrders;

	private final Catalog catalog;

	private final Outbox outbox;

	private final IdempotencyKeys idempotencyKeys;

	private final JsonMapper json;

	private final OrderProperties properties;

	private final Clock clock;

	OrderManagement(OrderRepository orders, NewOrders newOrders, Catalog catalog, Outbox outbox,
			IdempotencyKeys idempotencyKeys, JsonMapper json, OrderProperties properties, Clock clock) {
		this.orders = orders;
		this.newOrders = newOrders;
		this.catalog = catalog;
		this.outbox = outbox;
		this.idempotencyKeys = idempotencyKeys;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Places an order, or, for a repeated idempotency key with the same request, returns
	 * the order that key created. Keys are the customer's own: another customer's order
	 * is never the answer to a key.
	 * @param request a validated request
	 * @param customer who orders (the caller)
	 * @param idempotencyKey the client's key, if it sent one
	 * @return the order and whether this call created it
	 */
	@Transactional
	public Placement place(PlaceOrderRequest request, Customer customer, @Nullable String idempotencyKey) {
		List<String> repeated = request.repeatedSkus();
		if (!repeated.isEmpty()) {
			throw new RepeatedSkuException(repeated);
		}
		UUID orderId = UUID.randomUUID();
		Instant now = now();
		if (idempotencyKey != null) {
			String hash = hash(request);
			Optional<IdempotencyKeys.Claim> existing = this.idempotencyKeys.claim(customer.id(), idempotencyKey, hash,
					orderId, now, now.plus(this.properties.idempotencyKeyTtl()));
			if (existing.isPresent()) {
				if (!existing.get().requestHash().equals(hash)) {
					throw new IdempotencyKeyReusedException(idempotencyKey);
				}
				return new Placement(find(existing.get().orderId()), false);
			}
		}
		Order order = Order.place(orderId, customer, request.toAddress(), this.catalog.price(request.quantities()),
				now);
		this.newOrders.insert(order);
		this.outbox.append(order.toOrderPlaced());
		if (this.properties.publishOrderPlacedV2()) {
			// Both versions in one transaction: consumers of either see every order, each
			// reads the one version it knows and skips the other.
			this.outbox.append(order.toOrderPlacedV2());
		}
		return new Placement(order, true);
	}

	/**
	 * Cancels an order for its customer: a PENDING one at once ({@code OrderCancelled}),
	 * a CONFIRMED one only once shipping grants it ({@code OrderCancellationRequested};
	 * the order is CANCELLATION_REQUESTED until shipping answers).
	 * @param caller who asks: the order's customer or an operator
	 * @return the order, CANCELLED or CANCELLATION_REQUESTED
	 * @throws OrderNotFoundException when there is no such order, or it is another
	 * customer's
	 * @throws OrderNotCancellableException when it is shipped, rejected or already
	 * cancelled
	 */
	@Transactional
	public Order cancel(UUID id, Caller caller) {
		Order order = this.orders.findAndLock(id)
			.filter((found) -> caller.mayAccess(found.customer().id()))
			.orElseThrow(() -> new OrderNotFoundException(id));
		OrderStateMachine.cancel(order, now()).ifPresent(this.outbox::append);
		return initialized(order);
	}

	@Transactional(readOnly = true)
	public Order find(UUID id) {
		return this.orders.findById(id)
			.map(OrderManagement::initialized)
			.orElseThrow(() -> new OrderNotFoundException(id));
	}

	/**
	 * The order, if the caller may see it.
	 * @throws OrderNotFoundException when there is no such order, or it is another
	 * customer's (the two are answered alike, so ids cannot be probed)
	 */
	@Transactional(readOnly = true)
	public Order find(UUID id, Caller caller) {
		return this.orders.findById(id)
			.filter((found) -> caller.mayAccess(found.customer().id()))
			.map(OrderManagement::initialized)
			.orElseThrow(() -> new OrderNotFoundException(id));
	}

	@Transactional(readOnly = true)
	public Page<Order> findByCustomer(String customerId, Pageable pageable) {
		return this.orders.findByCustomerIdOrderByPlacedAtDescIdAsc(customerId, pageable)
			.map(OrderManagement::initialized);
	}

	/** Loads the lazy collections inside the transaction (open-in-view is off). */
	private static Order initialized(Order order) {
		order.getLines();
		order.getHistory();
		return order;
	}

	/**
	 * Microseconds, as PostgreSQL stores them: an answer must show the same instant as
	 * every later read or replay of the order.
	 */
	private Instant now() {
		return Instant.now(this.clock).truncatedTo(ChronoUnit.MICROS);
	}

	/** A stable fingerprint of the request's meaning: its canonical JSON, hashed. */
	private String hash(PlaceOrderRequest request) {
		try {
			byte[] canonical = this.json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/**
	 * The outcome of a placement.
	 *
	 * @param order the order
	 * @param created whether this call created it (false for a repeated idempotency key)
	 */
	public record Placement(Order order, boolean created) {
	}

}
