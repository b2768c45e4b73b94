/**
 * Shipments: created from {@code OrderPlaced}, shown over REST.
 */
@NullMarked
package com.eventshop.shipping.shipment;

import org.jspecify.annotations.NullMarked;
