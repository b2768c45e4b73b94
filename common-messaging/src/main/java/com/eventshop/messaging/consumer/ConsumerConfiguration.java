package com.eventshop.messaging.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.eventshop.messaging.MessagingProperties;
import com.eventshop.messaging.deadletter.DeadLetterController;
import com.eventshop.messaging.deadletter.DeadLetterDepth;
import com.eventshop.messaging.deadletter.DeadLetters;
import com.eventshop.messaging.support.EventJson;
import com.eventshop.messaging.support.MessagingSchema;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.RestController;

/**
 * Listener containers, dead-letter and replay topics for the application's
 * {@link EventConsumer} beans.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean({ EventConsumer.class, DataSource.class })
public class ConsumerConfiguration {

	@Bean
	DeadLetterProducer deadLetterProducer(KafkaProperties kafkaProperties) {
		Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters");
		// Bytes in, bytes out: a record that cannot be read can still always be parked.
		var factory = new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(), new ByteArraySerializer());
		return new DeadLetterProducer(new KafkaTemplate<>(factory));
	}

	@Bean
	EventConsumerFactory eventConsumerFactory(KafkaProperties kafkaProperties, MessagingProperties properties) {
		Map<String, Object> config = new HashMap<>(kafkaProperties.buildConsumerProperties());
		long sessionTimeout = properties.consumer().sessionTimeout().toMillis();
		config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout);
		config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) (sessionTimeout / 3));
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return new EventConsumerFactory(
				new DefaultKafkaConsumerFactory<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
	}

	@Bean
	ListenerContainers listenerContainers(List<EventConsumer> consumers, EventConsumerFactory consumerFactory,
			DeadLetterProducer deadLetters, EventJson json, DataSource dataSource, MessagingSchema schema,
			PlatformTransactionManager transactionManager, MessagingProperties properties,
			ObjectProvider<MeterRegistry> meters, ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<KafkaAdmin> admin, ApplicationContext context) {
		return new ListenerContainers(consumers, consumerFactory.factory(), deadLetters.template(),
				new EventReader(json, properties.consumer().validateSchema()), JdbcClient.create(dataSource),
				new TransactionTemplate(transactionManager), properties.consumer(),
				meters.getIfAvailable(SimpleMeterRegistry::new),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP), clusterId(admin), context);
	}

	/** The cluster's id for the listener observations; the admin asks the broker once. */
	private static Supplier<String> clusterId(ObjectProvider<KafkaAdmin> admin) {
		return () -> {
			KafkaAdmin kafkaAdmin = admin.getIfAvailable();
			String id = (kafkaAdmin != null) ? kafkaAdmin.clusterId() : null;
			return (id != null) ? id : "";
		};
	}

	@Bean
	KafkaAdmin.NewTopics deadLetterAndReplayTopics(List<EventConsumer> consumers, MessagingProperties properties) {
		MessagingProperties.TopicSettings settings = properties.topics();
		Duration longest = settings.retention().compareTo(settings.deadLetterRetention()) > 0 ? settings.retention()
				: settings.deadLetterRetention();
		if (properties.consumer().inboxRetention().compareTo(longest) <= 0) {
			throw new IllegalStateException("eventshop.messaging.consumer.inbox-retention ("
					+ properties.consumer().inboxRetention() + ") must be longer than every topic's retention ("
					+ longest + "), or a redelivered or replayed event could be handled twice");
		}
		List<NewTopic> topics = new ArrayList<>();
		for (EventConsumer consumer : consumers) {
			for (String topic : consumer.topics()) {
				topics.add(settings.declare(consumer.deadLetterTopic(topic), settings.deadLetterRetention()));
				topics.add(settings.declare(consumer.retryTopic(topic), settings.retention()));
			}
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	@Bean
	DeadLetters deadLetters(List<EventConsumer> consumers, EventConsumerFactory consumerFactory,
			DeadLetterProducer producer, DataSource dataSource, MessagingSchema schema) {
		return new DeadLetters(consumers, consumerFactory.factory(), producer.template(), JdbcClient.create(dataSource),
				10_000);
	}

	@Bean
	DeadLetterDepth deadLetterDepth(ObjectProvider<MeterRegistry> meters, DeadLetters deadLetters,
			List<EventConsumer> consumers, Clock clock) {
		return DeadLetterDepth.register(meters.getIfAvailable(SimpleMeterRegistry::new), deadLetters, consumers,
				Duration.ofSeconds(15), clock);
	}

	@Bean
	UnexpectedEvents unexpectedEvents(DataSource dataSource, MessagingSchema schema,
			ObjectProvider<MeterRegistry> meters) {
		return new UnexpectedEvents(JdbcClient.create(dataSource), meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	/**
	 * The operator's dead-letter endpoints: HTTP over this module's dead letters, so they
	 * live here, but only in a servlet web application (Spring MVC and security come from
	 * {@code common-web}, not from this module).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestController.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class DeadLetterEndpoints {

		@Bean
		DeadLetterController deadLetterController(DeadLetters deadLetters, UnexpectedEvents unexpectedEvents) {
			return new DeadLetterController(deadLetters, unexpectedEvents);
		}

	}

	/**
	 * The byte-level consumer factory of event listeners and dead-letter readers.
	 *
	 * @param factory the factory
	 */
	public record EventConsumerFactory(ConsumerFactory<byte[], byte[]> factory) {
	}

	/**
	 * The byte-level producer of dead letters and replays.
	 *
	 * @param template the template
	 */
	public record DeadLetterProducer(KafkaTemplate<byte[], byte[]> template) {
	}

}
