/**
 * The benchmark of EventShop: its phases, its settings and its entry point (run by
 * scripts/benchmark.sh).
 */
@NullMarked
package com.eventshop.loadtests;

import org.jspecify.annotations.NullMarked;
