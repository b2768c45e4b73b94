package com.eventshop.messaging.observability;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Observability settings ({@code eventshop.observability}).
 *
 * @param gaugeInterval how often the gauges that need a query are computed
 * @param stuckAfter how long an order may stay in a state the saga has not finished
 * before it counts as stuck ({@code eventshop.saga.stuck})
 */
@ConfigurationProperties("eventshop.observability")
public record ObservabilityProperties(@DefaultValue("15s") Duration gaugeInterval,
		@DefaultValue("5m") Duration stuckAfter) {
}
