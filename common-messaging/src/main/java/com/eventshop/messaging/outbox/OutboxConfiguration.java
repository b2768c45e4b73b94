package com.eventshop.messaging.outbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.eventshop.messaging.MessagingAutoConfiguration.EventSource;
import com.eventshop.messaging.MessagingProperties;
import com.eventshop.messaging.support.EventJson;
import com.eventshop.messaging.support.MessagingSchema;
import com.eventshop.messaging.support.TraceParent;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outbox, its relay, the background reading of its state and the operator listing of
 * parked rows, for any service with a database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(DataSource.class)
public class OutboxConfiguration {

	@Bean
	@DependsOn(MessagingSchema.BEAN_NAME)
	Outbox outbox(DataSource dataSource, EventJson json, EventSource source, Clock clock,
			ObjectProvider<OutboxRelay> relay, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new JdbcOutbox(JdbcClient.create(dataSource), json, source.value(), clock,
				() -> relay.ifAvailable(OutboxRelay::wakeUp), new TraceParent(tracer, propagator));
	}

	@Bean
	@DependsOn(MessagingSchema.BEAN_NAME)
	OutboxReading outboxReading(DataSource dataSource, MessagingProperties properties, Clock clock) {
		return new OutboxReading(JdbcClient.create(dataSource), properties.outbox().readingInterval(), clock);
	}

	@Bean
	OutboxMetrics outboxMetrics(ObjectProvider<MeterRegistry> meters, OutboxReading reading, Clock clock) {
		return new OutboxMetrics(meters.getIfAvailable(SimpleMeterRegistry::new), reading, clock);
	}

	@Bean
	@ConditionalOnProperty(name = "eventshop.messaging.outbox.relay-enabled", matchIfMissing = true)
	@DependsOn(MessagingSchema.BEAN_NAME)
	OutboxRelay outboxRelay(DataSource dataSource, KafkaProperties kafkaProperties, MessagingProperties properties,
			OutboxMetrics metrics, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		Map<String, Object> config = producerConfig(kafkaProperties, properties.outbox());
		return new OutboxRelay(dataSource,
				() -> new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
				properties.outbox(), metrics, new PublishSpans(tracer, propagator));
	}

	/**
	 * The application's producer settings, with the ones the outbox's guarantees rest on
	 * forced: every in-sync replica acknowledges, retries never duplicate or reorder
	 * within a partition, and a send never blocks the relay longer than its timeout.
	 */
	static Map<String, Object> producerConfig(KafkaProperties kafkaProperties,
			MessagingProperties.OutboxSettings settings) {
		Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
		int timeout = (int) settings.sendTimeout().toMillis();
		// A send waits for metadata at most this long; the relay stops its round at the
		// first such wait, so an outage costs a round a few seconds, not one per row.
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(timeout, 5_000));
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 10_000));
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeout, 10_000 + 5));
		return config;
	}

	/**
	 * The operator listing of parked rows, only in a servlet web application (Spring MVC
	 * and its security come from {@code common-web}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestController.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ParkedRowsEndpoint {

		@Bean
		@DependsOn(MessagingSchema.BEAN_NAME)
		ParkedOutboxController parkedOutboxController(DataSource dataSource) {
			return new ParkedOutboxController(JdbcClient.create(dataSource));
		}

	}

}
