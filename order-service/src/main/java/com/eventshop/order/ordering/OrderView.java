package com.eventshop.order.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.eventshop.events.Address;
import com.eventshop.events.Customer;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An order as the API shows it. Money is written as decimal strings.
 *
 * @param id order id
 * @param status current status
 * @param customer who ordered
 * @param lines priced lines
 * @param total sum of the line totals
 * @param currency ISO 4217 code
 * @param shippingAddress where it goes
 * @param placedAt when it was accepted
 * @param trackingNumber the carrier's tracking number, once shipped
 * @param history every status it has had and every note on it, oldest first
 */
record OrderView(UUID id, OrderStatus status, Customer customer, List<Line> lines,
		@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total, String currency, Address shippingAddress,
		Instant placedAt, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String trackingNumber,
		List<Change> history) {

	static OrderView of(Order order) {
		return new OrderView(order.getId(), order.getStatus(), order.customer(), order.getLines()
			.stream()
			.map((l) -> new Line(l.getSku(), l.getProductName(), l.getQuantity(), l.getUnitPrice(), l.getLineTotal()))
			.toList(), order.getTotal(), order.getCurrency(), order.shippingAddress(), order.getPlacedAt(),
				order.getTrackingNumber(),
				order.getHistory()
					.stream()
					.map((c) -> new Change(c.getStatus(), c.getNote(), c.getChangedAt(), c.getReason()))
					.toList());
	}

	/**
	 * The order as it was at an instant, folded from its history: the status of the last
	 * entry at or before it (a note keeps the status it names), the entries up to then,
	 * and the tracking number once it had shipped. Empty before the order was placed.
	 */
	static Optional<OrderView> at(Order order, Instant at) {
		if (at.isBefore(order.getPlacedAt())) {
			return Optional.empty();
		}
		List<StatusChange> then = order.getHistory().stream().takeWhile((c) -> !c.getChangedAt().isAfter(at)).toList();
		if (then.isEmpty()) {
			return Optional.empty();
		}
		OrderView now = of(order);
		OrderStatus status = then.getLast().getStatus();
		return Optional.of(new OrderView(now.id(), status, now.customer(), now.lines(), now.total(), now.currency(),
				now.shippingAddress(), now.placedAt(), (status == OrderStatus.SHIPPED) ? now.trackingNumber() : null,
				now.history().subList(0, then.size())));
	}

	record Line(String sku, String productName, int quantity,
			@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice,
			@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lineTotal) {
	}

	/**
	 * One history entry.
	 *
	 * @param status the status the order moved to, or kept when there is a note
	 * @param note what happened without a change of status; absent for a change
	 * @param at when
	 * @param reason why, for people
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Change(OrderStatus status, @Nullable OrderNote note, Instant at, @Nullable String reason) {
	}

	/**
	 * One page of a customer's orders, newest first.
	 */
	record Page(List<OrderView> content, int page, int size, long totalElements, int totalPages) {

		static Page of(org.springframework.data.domain.Page<Order> orders) {
			return new Page(orders.getContent().stream().map(OrderView::of).toList(), orders.getNumber(),
					orders.getSize(), orders.getTotalElements(), orders.getTotalPages());
		}

	}

}
