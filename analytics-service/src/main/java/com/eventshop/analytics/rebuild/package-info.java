/**
 * Rebuilding the analytics projection from the event history: replayed into shadow tables
 * while the live ones keep serving, then swapped in with one transaction.
 */
@NullMarked
package com.eventshop.analytics.rebuild;

import org.jspecify.annotations.NullMarked;
