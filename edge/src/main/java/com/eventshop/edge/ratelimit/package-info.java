/**
 * The limit on how fast one customer can place orders, so that one client cannot take the
 * capacity everyone shares.
 */
@NullMarked
package com.eventshop.edge.ratelimit;

import org.jspecify.annotations.NullMarked;
