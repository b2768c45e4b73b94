/**
 * The machine's own limits, measured in the same run: the order service's transaction
 * through plain JDBC, and bare Kafka produce and consume.
 */
@NullMarked
package com.eventshop.loadtests.baseline;

import org.jspecify.annotations.NullMarked;
