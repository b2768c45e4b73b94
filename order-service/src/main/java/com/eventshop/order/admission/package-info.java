/**
 * Admission control: the order service takes a new order only while its pipeline can
 * finish the work already accepted, and otherwise says so at once with {@code 503} and
 * {@code Retry-After}, instead of queueing requests in front of a pool.
 */
@NullMarked
package com.eventshop.order.admission;

import org.jspecify.annotations.NullMarked;
