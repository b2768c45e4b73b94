package com.eventshop.order.order;

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
 * One entry of an order's status history.
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

	private @Nullable String reason;

	private Instant changedAt;

	protected StatusChange() {
	}

	StatusChange(Order order, OrderStatus status, @Nullable String reason, Instant changedAt) {
		this.order = order;
		this.status = status;
		this.reason = reason;
		this.changedAt = changedAt;
	}

	public OrderStatus getStatus() {
		return this.status;
	}

	public @Nullable String getReason() {
		return this.reason;
	}

	public Instant getChangedAt() {
		return this.changedAt;
	}

}
