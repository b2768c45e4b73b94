package com.eventshop.order.ordering;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an order's history: a change of status, or, with a {@link OrderNote}, an
 * event that left the status as it was (then {@link #getStatus()} is the status the order
 * kept).
 */
@Entity
@Table(name = "order_status_change")
public class StatusChange {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "order_id")
	private Order order;

	@Enumerated(EnumType.STRING)
	private OrderStatus status;

	@Enumerated(EnumType.STRING)
	private @Nullable OrderNote note;

	private @Nullable String reason;

	private Instant changedAt;

	protected StatusChange() {
	}

	StatusChange(Order order, OrderStatus status, @Nullable OrderNote note, @Nullable String reason,
			Instant changedAt) {
		this.order = order;
		this.status = status;
		this.note = note;
		this.reason = reason;
		this.changedAt = changedAt;
	}

	public OrderStatus getStatus() {
		return this.status;
	}

	public @Nullable OrderNote getNote() {
		return this.note;
	}

	public @Nullable String getReason() {
		return this.reason;
	}

	public Instant getChangedAt() {
		return this.changedAt;
	}

}
