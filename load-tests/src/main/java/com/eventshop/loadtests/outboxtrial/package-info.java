/**
 * The outbox trial: our outbox and relay, Spring Modulith's event publication registry
 * with Kafka externalization and Namastack Outbox, each in its own small Spring context,
 * driven through the same backlog drain and broker outage (scripts/outbox-trial.sh, ADR
 * 0001).
 */
@NullMarked
package com.eventshop.loadtests.outboxtrial;

import org.jspecify.annotations.NullMarked;
