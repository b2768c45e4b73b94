package com.eventshop.messaging.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import com.eventshop.messaging.MessagingAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Metrics and logging context every service gets with {@code common-messaging}; tracing
 * itself (sampling, export to Zipkin) is Spring Boot's, set in each service's
 * {@code application.yml} (docs/observability.md).
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@EnableConfigurationProperties(ObservabilityProperties.class)
public class ObservabilityAutoConfiguration {

	@Bean
	MeterFilter latencyHistograms() {
		return new LatencyHistograms();
	}

	@Bean
	EventLogContext eventLogContext() {
		return new EventLogContext();
	}

	@Bean
	TraceContinuation traceContinuation(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new TraceContinuation(tracer, propagator);
	}

	@Bean
	PeriodicGauges periodicGauges(ObjectProvider<MeterRegistry> meters, ObservabilityProperties properties) {
		return new PeriodicGauges(meters.getIfAvailable(SimpleMeterRegistry::new), properties.gaugeInterval());
	}

}
