/**
 * The analytics service: records the facts of every placed order and serves exact
 * aggregates over them.
 */
@NullMarked
package com.eventshop.analytics;

import org.jspecify.annotations.NullMarked;
