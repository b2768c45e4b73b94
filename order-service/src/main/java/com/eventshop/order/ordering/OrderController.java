package com.eventshop.order.ordering;

import java.net.URI;
import java.util.UUID;

import com.eventshop.web.Problems;
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
 * The orders API: place an order, cancel one, read one, list a customer's.
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
	 * Places an order. A repeated {@code Idempotency-Key} with the same body answers as
	 * the first request did (201, same order) and creates nothing.
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
		OrderManagement.Placement placement = this.orders.place(request, idempotencyKey);
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
		Order order = this.orders.cancel(id);
		HttpStatus status = (order.getStatus() == OrderStatus.CANCELLED) ? HttpStatus.OK : HttpStatus.ACCEPTED;
		return ResponseEntity.status(status).body(OrderView.of(order));
	}

	@GetMapping("/{id}")
	OrderView find(@PathVariable UUID id) {
		return OrderView.of(this.orders.find(id));
	}

	@GetMapping
	OrderView.Page findByCustomer(
			@RequestParam @NotBlank @Size(max = 64) @Pattern(regexp = PlaceOrderRequest.CUSTOMER_ID) String customerId,
			@PageableDefault(size = 20) Pageable pageable) {
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
		return OrderView.Page.of(this.orders.findByCustomer(customerId, unsorted));
	}

}
