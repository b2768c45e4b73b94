package com.eventshop.order.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.Address;
import com.eventshop.events.Customer;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.events.order.OrderPlacedV2;
import com.eventshop.order.catalog.Catalog.PricedLine;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * An order: who ordered what, at which prices, to where, and what became of it.
 */
@Entity
@Table(name = "customer_order")
public class Order {

	@Id
	private UUID id;

	private String customerId;

	private String customerName;

	private String customerEmail;

	@Column(name = "ship_line1")
	private String shipLine1;

	@Column(name = "ship_line2")
	private @Nullable String shipLine2;

	private String shipCity;

	private String shipPostalCode;

	private String shipCountry;

	@Enumerated(EnumType.STRING)
	private OrderStatus status;

	private BigDecimal total;

	private String currency;

	private Instant placedAt;

	/** The carrier's tracking number, once shipped. */
	private @Nullable String trackingNumber;

	/**
	 * Null until first persisted, which is how Spring Data tells a new order from a
	 * merge.
	 */
	@Version
	private @Nullable Long version;

	@ElementCollection
	@CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
	@OrderColumn(name = "line_no")
	private List<OrderLine> lines = new ArrayList<>();

	@OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
	@OrderBy("id")
	private List<StatusChange> history = new ArrayList<>();

	protected Order() {
	}

	/**
	 * A new order, priced and {@link OrderStatus#PENDING}.
	 */
	static Order place(UUID id, Customer customer, Address address, List<PricedLine> priced, Instant now) {
		Order order = new Order();
		order.id = id;
		order.customerId = customer.id();
		order.customerName = customer.name();
		order.customerEmail = customer.email();
		order.shipLine1 = address.line1();
		order.shipLine2 = address.line2();
		order.shipCity = address.city();
		order.shipPostalCode = address.postalCode();
		order.shipCountry = address.country();
		order.currency = priced.getFirst().currency();
		for (PricedLine line : priced) {
			order.lines.add(new OrderLine(line.sku(), line.productName(), line.quantity(), line.unitPrice()));
		}
		order.total = order.lines.stream().map(OrderLine::getLineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
		order.placedAt = now;
		order.changeStatus(OrderStatus.PENDING, null, now);
		return order;
	}

	/**
	 * Moves the order to a status and records why. {@link OrderStateMachine} alone
	 * decides which moves are allowed.
	 */
	void changeStatus(OrderStatus status, @Nullable String reason, Instant at) {
		this.status = status;
		this.history.add(new StatusChange(this, status, null, reason, at));
	}

	/** Hands the order to the carrier. */
	void ship(String trackingNumber, String reason, Instant at) {
		this.trackingNumber = trackingNumber;
		changeStatus(OrderStatus.SHIPPED, reason, at);
	}

	/** Records something that happened to the order without changing its status. */
	void note(OrderNote note, String reason, Instant at) {
		this.history.add(new StatusChange(this, this.status, note, reason, at));
	}

	/** The event that announces this order. */
	OrderPlaced toOrderPlaced() {
		return new OrderPlaced(this.id, new Customer(this.customerId, this.customerName, this.customerEmail),
				this.lines.stream()
					.map((l) -> new OrderPlaced.Line(l.getSku(), l.getProductName(), l.getQuantity(), l.getUnitPrice()))
					.toList(),
				this.total, this.currency, shippingAddress(), this.placedAt);
	}

	/** The event that announces this order in version 2, money with its currency. */
	OrderPlacedV2 toOrderPlacedV2() {
		return new OrderPlacedV2(this.id,
				new OrderPlacedV2.Customer(this.customerId, this.customerName, this.customerEmail),
				this.lines.stream()
					.map((l) -> new OrderPlacedV2.Line(l.getSku(), l.getProductName(), l.getQuantity(),
							money(l.getUnitPrice())))
					.toList(),
				money(this.total), new OrderPlacedV2.Address(this.shipLine1, this.shipLine2, this.shipCity,
						this.shipPostalCode, this.shipCountry),
				this.placedAt);
	}

	private OrderPlacedV2.Money money(BigDecimal amount) {
		return new OrderPlacedV2.Money(amount, this.currency);
	}

	public UUID getId() {
		return this.id;
	}

	public Customer customer() {
		return new Customer(this.customerId, this.customerName, this.customerEmail);
	}

	public Address shippingAddress() {
		return new Address(this.shipLine1, this.shipLine2, this.shipCity, this.shipPostalCode, this.shipCountry);
	}

	public OrderStatus getStatus() {
		return this.status;
	}

	public @Nullable String getTrackingNumber() {
		return this.trackingNumber;
	}

	public BigDecimal getTotal() {
		return this.total;
	}

	public String getCurrency() {
		return this.currency;
	}

	public Instant getPlacedAt() {
		return this.placedAt;
	}

	public List<OrderLine> getLines() {
		return List.copyOf(this.lines);
	}

	public List<StatusChange> getHistory() {
		return List.copyOf(this.history);
	}

}
