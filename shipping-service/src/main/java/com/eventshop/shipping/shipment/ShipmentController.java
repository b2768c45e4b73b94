package com.eventshop.shipping.shipment;

import java.util.UUID;

import com.eventshop.web.Problems;
import com.eventshop.web.security.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/shipments/{orderId}}: the customer's own shipments (another customer's
 * is answered 404, as if there were none), every one for an operator.
 */
@RestController
@RequestMapping("/api/shipments")
class ShipmentController {

	private final Shipments shipments;

	ShipmentController(Shipments shipments) {
		this.shipments = shipments;
	}

	@GetMapping("/{orderId}")
	Shipment find(@PathVariable UUID orderId) {
		return this.shipments.find(orderId, Caller.current())
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.of(HttpStatus.NOT_FOUND,
					Problems.NOT_FOUND, "Not found", "No shipment for order " + orderId), null));
	}

}
