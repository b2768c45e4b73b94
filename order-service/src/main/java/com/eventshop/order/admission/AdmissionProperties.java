package com.eventshop.order.admission;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission control of order placement, under {@code eventshop.orders.admission}.
 *
 * @param enabled whether {@code POST /api/orders} is refused when the pipeline is behind
 * @param maxOutboxBacklog most unpublished outbox rows (events Kafka has not acknowledged
 * yet) at which new orders are still taken; each order adds one, so this bounds the
 * orders accepted but not yet announced, e.g. during a Kafka outage
 * @param maxSagaLag most records the saga's consumer group ({@code order}) has not read
 * yet from the topics it consumes, at which new orders are still taken; a growing lag
 * means orders are accepted faster than they are confirmed
 * @param maxSagaDelay longest the saga may need to read what waits for it, at the rate it
 * read its records over the last seconds, at which new orders are still taken (from 100
 * records waiting): the bound that follows what this machine finishes, where
 * {@code maxSagaLag} is a fixed count
 * @param maxInFlight most placements running at once; one more is refused at once, never
 * queued (keep it below the connection pool, so the saga's listeners and the outbox relay
 * always find a connection)
 * @param refreshInterval how often the background refresher reads the backlog and the
 * lag; requests only read its cached result
 * @param retryAfter what {@code Retry-After} tells a refused client, rounded up to whole
 * seconds
 */
@ConfigurationProperties("eventshop.orders.admission")
public record AdmissionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10000") long maxOutboxBacklog,
		@DefaultValue("20000") long maxSagaLag, @DefaultValue("10s") Duration maxSagaDelay,
		@DefaultValue("12") int maxInFlight, @DefaultValue("250ms") Duration refreshInterval,
		@DefaultValue("1s") Duration retryAfter) {
}
