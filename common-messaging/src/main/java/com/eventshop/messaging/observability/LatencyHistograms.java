package com.eventshop.messaging.observability;

import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.jspecify.annotations.Nullable;

/**
 * Publishes request, handler and relay latency as histogram buckets instead of quantiles
 * computed inside each instance: Prometheus can add buckets across instances and compute
 * a percentile of the whole ({@code histogram_quantile}), whereas the maximum (or
 * average) of per-instance percentiles is no percentile at all.
 */
final class LatencyHistograms implements MeterFilter {

	static final Set<String> TIMERS = Set.of("http.server.requests", "eventshop.consumer.handled",
			"eventshop.outbox.delay");

	@Override
	public @Nullable DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		if (!TIMERS.contains(id.getName())) {
			return config;
		}
		// Buckets on, client-side quantiles off (an empty array wins over the meter's
		// own).
		return DistributionStatisticConfig.builder().percentilesHistogram(true).percentiles().build().merge(config);
	}

}
