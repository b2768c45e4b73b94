/**
 * Shipments: created from {@code OrderPlaced}, made ready by {@code OrderConfirmed},
 * stopped by {@code OrderRejected}, {@code OrderCancelled} or a granted
 * {@code OrderCancellationRequested} (announced as {@code ShipmentCancelled}), handed to
 * the carrier by the dispatcher (announced as {@code ShipmentDispatched}), and shown over
 * REST.
 */
@NullMarked
package com.eventshop.shipping.shipment;

import org.jspecify.annotations.NullMarked;
