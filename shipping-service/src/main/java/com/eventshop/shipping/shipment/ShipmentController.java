package com.eventshop.shipping.shipment;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/shipments/{orderId}}.
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
		return this.shipments.find(orderId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No shipment for order " + orderId));
	}

}
