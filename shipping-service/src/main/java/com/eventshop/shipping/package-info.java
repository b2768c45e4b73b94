/**
 * The shipping service: a shipment for every order, from placement to dispatch.
 */
@NullMarked
package com.eventshop.shipping;

import org.jspecify.annotations.NullMarked;
