/**
 * What lets an operator follow one order and see the pipeline fall behind: latency
 * histograms that aggregate across instances, Kafka client metrics, gauges computed in
 * the background, and the order and event ids in the logging context of every handler.
 */
@NullMarked
package com.eventshop.messaging.observability;

import org.jspecify.annotations.NullMarked;
