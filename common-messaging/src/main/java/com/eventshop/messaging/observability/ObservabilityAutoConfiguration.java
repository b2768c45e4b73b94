package com.eventshop.messaging.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import com.eventshop.messaging.MessagingAutoConfiguration;
import com.eventshop.messaging.consumer.ConsumerConfiguration.EventConsumerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;

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

	/**
	 * Binds the Kafka clients of the event listeners to Micrometer: fetch rates, and the
	 * lag of every assigned partition as the consumer itself sees it
	 * ({@code kafka_consumer_fetch_manager_records_lag}).
	 */
	@Bean
	static BeanPostProcessor eventListenerKafkaMetrics(ObjectProvider<MeterRegistry> meters) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof EventConsumerFactory(DefaultKafkaConsumerFactory<byte[], byte[]> factory)) {
					MeterRegistry registry = meters.getIfAvailable();
					if (registry != null) {
						factory.addListener(new MicrometerConsumerListener<>(registry));
					}
				}
				return bean;
			}
		};
	}

}
