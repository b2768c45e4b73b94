package com.eventshop.order.admission;

import java.time.Duration;

import com.eventshop.messaging.outbox.OutboxReading;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires admission control of {@code POST /api/orders}: the background
 * {@link PipelineLoad} refresher and the {@link AdmissionFilter} that reads it. Off with
 * {@code eventshop.orders.admission.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
@ConditionalOnBooleanProperty(name = "eventshop.orders.admission.enabled", matchIfMissing = true)
class AdmissionConfiguration {

	@Bean
	PipelineLoad pipelineLoad(OutboxReading outbox, KafkaAdmin kafkaAdmin, AdmissionProperties properties,
			MeterRegistry meters) {
		// A client of its own: its calls run on the refresher's thread with their own
		// timeouts, never on a request's.
		PipelineLoad load = new PipelineLoad(outbox, Admin.create(kafkaAdmin.getConfigurationProperties()), properties);
		Gauge.builder("eventshop.orders.admission.outbox.backlog", load, (l) -> value(l.snapshot().outboxBacklog()))
			.description("Unpublished outbox rows as admission control last read them (NaN: unknown)")
			.register(meters);
		Gauge.builder("eventshop.orders.admission.saga.lag", load, (l) -> value(l.snapshot().sagaLag()))
			.description("Records the saga's group has not read, as admission control last read them (NaN: unknown)")
			.register(meters);
		Gauge.builder("eventshop.orders.admission.saga.delay", load, (l) -> seconds(l.snapshot().sagaDelay()))
			.description("Seconds the saga would take to read its lag at its recent rate, as admission control "
					+ "last estimated them (NaN: unknown)")
			.baseUnit("seconds")
			.register(meters);
		return load;
	}

	@Bean
	FilterRegistrationBean<AdmissionFilter> admissionFilter(PipelineLoad load, AdmissionProperties properties,
			JsonMapper json, MeterRegistry meters) {
		FilterRegistrationBean<AdmissionFilter> registration = new FilterRegistrationBean<>(
				new AdmissionFilter(load::snapshot, properties, json, meters));
		registration.addUrlPatterns("/api/orders");
		// Before the body is read: a refusal should cost as little as possible.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	private static double seconds(@Nullable Duration reading) {
		return (reading != null) ? reading.toNanos() / 1e9 : Double.NaN;
	}

	private static double value(@Nullable Long reading) {
		return (reading != null) ? reading : Double.NaN;
	}

}
