package com.eventshop.edge.console.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The break-it panel's settings. It is off unless {@code stackRoot} names the checkout of
 * a stack run on this machine, which the local stack sets for the edge it starts.
 *
 * @param stackRoot the repository whose local stack runs here
 * ({@code EVENTSHOP_BREAK_IT_ROOT}); empty: the panel is off
 * @param loadClientSecret the {@code load-generator} client's secret, for the load's
 * token
 */
@ConfigurationProperties("eventshop.console.break-it")
record BreakItSettings(@DefaultValue("") String stackRoot,
		@DefaultValue("load-generator-demo-secret") String loadClientSecret) {

	boolean enabled() {
		return !this.stackRoot.isBlank();
	}

}
