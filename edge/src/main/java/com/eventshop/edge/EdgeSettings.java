package com.eventshop.edge;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services are and how much a customer may place.
 *
 * @param services the base URLs of every instance of each service, by service id (a
 * comma-separated list in an environment variable)
 * @param placementLimit the per-customer token bucket in front of
 * {@code POST /api/orders}
 * @param maxInFlight the most API requests the gateway holds at once; one more is
 * answered {@code 503} at once
 */
@ConfigurationProperties("eventshop.edge")
public record EdgeSettings(Map<String, List<URI>> services, @DefaultValue PlacementLimit placementLimit,
		@DefaultValue("256") int maxInFlight) {

	/**
	 * A bucket of {@code capacity} placements per customer that refills at
	 * {@code capacity} per {@code refillPeriod}: a burst is fine, a steady stream above
	 * the rate is not.
	 *
	 * @param capacity the most placements a customer can make at once
	 * @param refillPeriod the time in which an empty bucket fills up again
	 * @param trackedCustomers how many customers' buckets are kept before full (idle)
	 * ones are dropped
	 */
	public record PlacementLimit(@DefaultValue("20") int capacity, @DefaultValue("1m") Duration refillPeriod,
			@DefaultValue("100000") int trackedCustomers) {

	}

}
