package com.eventshop.order.ordering;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import com.eventshop.events.Customer;
import com.eventshop.web.Problems;
import com.eventshop.web.security.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The orders API: place an order, cancel one, read one, list a customer's. The customer
 * is always the caller ({@link Caller}, the access token's subject): a customer sees and
 * cancels only their own orders (another's is answered 404, like one that does not
 * exist); an operator sees every order.
 */
@RestController
@RequestMapping("/api/orders")
class OrderController {

	/** Header that tells a client its response replays an earlier one. */
	static final String REPLAYED_HEADER = "Idempotent-Replayed";

	private final OrderManagement orders;

	OrderController(OrderManagement orders) {
		this.orders = orders;
	}

	/**
	 * Places an order for the caller. A repeated {@code Idempotency-Key} of the same
	 * customer with the same body answers as the first request did (201, same order) and
	 * creates nothing; keys of different customers never meet.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@ApiResponse(responseCode = "201", useReturnTypeSchema = true,
			description = "The order, created; with a repeated Idempotency-Key, as it is now (Idempotent-Replayed: true)")
	@ApiResponse(responseCode = "400",
			description = "urn:eventshop:problem:repeated-sku when a SKU appears on more than one line")
	@ApiResponse(responseCode = "422",
			description = "urn:eventshop:problem:unknown-sku when a SKU is not sold;"
					+ " urn:eventshop:problem:mixed-currency when the products are priced in different currencies;"
					+ " urn:eventshop:problem:idempotency-key-reused when the Idempotency-Key came with another body")
	@ApiResponse(responseCode = "503",
			description = "urn:eventshop:problem:overloaded when the pipeline cannot finish more work now"
					+ " (answered before the body is read, with Retry-After; nothing is stored)")
	ResponseEntity<OrderView> place(@Valid @RequestBody PlaceOrderRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable @Size(min = 1, max = 255) @Pattern(
					regexp = "[\\x21-\\x7E]+",
					message = "must be 1 to 255 visible ASCII characters") String idempotencyKey) {
		OrderManagement.Placement placement = this.orders.place(request, customer(Caller.current()), idempotencyKey);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(placement.order().getId())
			.toUri();
		ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.CREATED).location(location);
		if (!placement.created()) {
			response.header(REPLAYED_HEADER, "true");
		}
		return response.body(OrderView.of(placement.order()));
	}

	/**
	 * Cancels a pending order (200, CANCELLED), or asks shipping to stop a confirmed one
	 * (202, CANCELLATION_REQUESTED: it ends CANCELLED, or SHIPPED if the parcel had
	 * already left, which the order then shows); a shipped, rejected or cancelled one
	 * answers 409.
	 */
	@PostMapping("/{id}/cancel")
	@ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The order, now CANCELLED")
	@ApiResponse(responseCode = "202", useReturnTypeSchema = true,
			description = "The order, CANCELLATION_REQUESTED (also when asked again): shipping decides whether it ends CANCELLED or SHIPPED")
	@ApiResponse(responseCode = "409", description = "urn:eventshop:problem:order-not-cancellable when the order is"
			+ " SHIPPED, REJECTED or already CANCELLED; nothing changes")
	ResponseEntity<OrderView> cancel(@PathVariable UUID id) {
		Order order = this.orders.cancel(id, Caller.current());
		HttpStatus status = (order.getStatus() == OrderStatus.CANCELLED) ? HttpStatus.OK : HttpStatus.ACCEPTED;
		return ResponseEntity.status(status).body(OrderView.of(order));
	}

	/**
	 * The order as it is, or with {@code at} as it was at that instant: its status and
	 * history up to then, read back from the history its events were recorded in. Before
	 * the order was placed it did not exist (404).
	 */
	@GetMapping("/{id}")
	@ApiResponse(responseCode = "200", useReturnTypeSchema = true,
			description = "The order; with at, as it was then (status, tracking number and history up to that instant)")
	@ApiResponse(responseCode = "404",
			description = "urn:eventshop:problem:not-found also when it is another customer's, or was placed after at")
	OrderView find(@PathVariable UUID id,
			@RequestParam(required = false) @Parameter(description = "an ISO-8601 instant, e.g. 2026-12-02T15:30:00Z",
					example = "2026-12-02T15:30:00Z") @Nullable Instant at) {
		Order order = this.orders.find(id, Caller.current());
		if (at == null) {
			return OrderView.of(order);
		}
		return OrderView.at(order, at).orElseThrow(() -> new OrderNotFoundException(id));
	}

	/**
	 * The caller's orders, newest first. An operator names the customer with
	 * {@code customerId}; a customer may leave it out or name themself.
	 */
	@GetMapping
	@ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "One page of the customer's orders")
	@ApiResponse(responseCode = "404",
			description = "urn:eventshop:problem:not-found when a customer names another customer")
	OrderView.Page findByCustomer(
			@RequestParam(required = false) @Nullable @NotBlank @Size(max = 64) @Pattern(
					regexp = PlaceOrderRequest.CUSTOMER_ID) String customerId,
			@PageableDefault(size = 20) Pageable pageable) {
		Caller caller = Caller.current();
		String customer = (customerId != null) ? customerId : caller.id();
		if (!caller.mayAccess(customer)) {
			throw new ErrorResponseException(HttpStatus.NOT_FOUND,
					Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found", "No orders of " + customer),
					null);
		}
		// The database query takes the offset as an int; a page past it is a client's
		// mistake, not a failure of ours.
		if (pageable.getOffset() > Integer.MAX_VALUE) {
			throw new ErrorResponseException(
					HttpStatus.BAD_REQUEST, Problems.validation("page", "must be at most "
							+ Integer.MAX_VALUE / pageable.getPageSize() + " for pages of " + pageable.getPageSize()),
					null);
		}
		// The order is fixed (newest first); a client's sort parameter is ignored rather
		// than trusted.
		Pageable unsorted = PageRequest.of(pageable.getPageNumber(), pageable.getPageSize());
		return OrderView.Page.of(this.orders.findByCustomer(customer, unsorted));
	}

	/**
	 * The customer an order is placed for: the caller, named and addressed as the token
	 * says. A machine client's token may have no e-mail; its orders get an address under
	 * the reserved {@code .invalid} domain, which no mail server delivers to.
	 */
	private static Customer customer(Caller caller) {
		String id = caller.id();
		if (id.length() > 64 || !id.matches(PlaceOrderRequest.CUSTOMER_ID)) {
			throw new ErrorResponseException(HttpStatus.FORBIDDEN, Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN,
					"Forbidden", "This token's subject cannot be a customer"), null);
		}
		String name = caller.name();
		if (name == null || name.isBlank() || name.length() > 200 || !name.matches(PlaceOrderRequest.ONE_LINE)) {
			name = id;
		}
		String email = caller.email();
		if (email == null || email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
			email = id + "@customers.eventshop.invalid";
		}
		return new Customer(id, name, email);
	}

}
