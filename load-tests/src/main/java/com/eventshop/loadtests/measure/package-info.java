/**
 * What the benchmark measures: latency percentiles, consumer lag, outbox backlog,
 * end-to-end times read from the databases, and CPU and memory of each process.
 */
@NullMarked
package com.eventshop.loadtests.measure;

import org.jspecify.annotations.NullMarked;
