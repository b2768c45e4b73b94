/**
 * Order facts: each placed order as {@code OrderPlaced} told it, recorded once, with when
 * it was later confirmed, rejected, shipped or cancelled, and the exact aggregates over
 * them (summary, time series) that {@code /api/analytics} serves.
 */
@NullMarked
package com.eventshop.analytics.facts;

import org.jspecify.annotations.NullMarked;
