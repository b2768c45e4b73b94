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
import jakarta.persistence.EntityManagerFactory;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
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

	/**
	 * The byte-level consumer factory of the event listeners, its Kafka clients bound to
	 * Micrometer (fetch rates, and the lag of every assigned partition as the consumer
	 * itself sees it: {@code kafka_consumer_fetch_manager_records_lag}).
	 */
	@Bean
	EventConsumerFactory eventConsumerFactory(KafkaProperties kafkaProperties, MessagingProperties properties,
			ObjectProvider<MeterRegistry> meters) {
		Map<String, Object> config = new HashMap<>(kafkaProperties.buildConsumerProperties());
		long sessionTimeout = properties.consumer().sessionTimeout().toMillis();
		config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout);
		config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) (sessionTimeout / 3));
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		var factory = new DefaultKafkaConsumerFactory<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
		meters.ifAvailable((registry) -> factory.addListener(new MicrometerConsumerListener<>(registry)));
		return new EventConsumerFactory(factory);
	}

	@Bean
	@DependsOn(MessagingSchema.BEAN_NAME)
	ListenerContainers listenerContainers(List<EventConsumer> consumers, EventConsumerFactory consumerFactory,
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, DeadLetterProducer deadLetters,
			EventJson json, DataSource dataSource, PlatformTransactionManager transactionManager,
			MessagingProperties properties, ObjectProvider<MeterRegistry> meters,
			ObjectProvider<ObservationRegistry> observations, ObjectProvider<KafkaAdmin> admin,
			ObjectProvider<EventBoundary> boundary, ApplicationContext context, Clock clock, HeldSequences held) {
		return new ListenerContainers(consumers, containerFactory(configurer, consumerFactory, context),
				deadLetters.template(), new EventReader(json, properties.consumer().validateSchema()),
				JdbcClient.create(dataSource), new TransactionTemplate(transactionManager), properties.consumer(),
				meters.getIfAvailable(SimpleMeterRegistry::new), boundary.getIfAvailable(() -> EventBoundary.NONE),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP), clusterId(admin), clock, held);
	}

	@Bean
	@DependsOn(MessagingSchema.BEAN_NAME)
	HeldSequences heldSequences(DataSource dataSource, PlatformTransactionManager transactionManager) {
		return new HeldSequences(JdbcClient.create(dataSource), new TransactionTemplate(transactionManager));
	}

	/**
	 * A listener container factory as Boot configures one
	 * ({@code spring.kafka.listener.*}, container customizers, a common error handler
	 * bean), over the byte-level consumer factory. Each group's container then gets its
	 * own group id, listener and error handler.
	 */
	@SuppressWarnings("unchecked")
	private static ConcurrentKafkaListenerContainerFactory<byte[], byte[]> containerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, EventConsumerFactory consumerFactory,
			ApplicationContext context) {
		var factory = new ConcurrentKafkaListenerContainerFactory<byte[], byte[]>();
		// Boot's configurer is typed for Object keys and values; ours are bytes.
		configurer.configure((ConcurrentKafkaListenerContainerFactory<Object, Object>) (Object) factory,
				(ConsumerFactory<Object, Object>) (Object) consumerFactory.factory());
		factory.setApplicationContext(context);
		factory.setApplicationEventPublisher(context);
		return factory;
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
	@DependsOn(MessagingSchema.BEAN_NAME)
	DeadLetters deadLetters(List<EventConsumer> consumers, EventConsumerFactory consumerFactory,
			DeadLetterProducer producer, DataSource dataSource, HeldSequences held) {
		return new DeadLetters(consumers, consumerFactory.factory(), producer.template(), JdbcClient.create(dataSource),
				10_000, held);
	}

	@Bean
	DeadLetterDepth deadLetterDepth(ObjectProvider<MeterRegistry> meters, DeadLetters deadLetters,
			List<EventConsumer> consumers, Clock clock) {
		return DeadLetterDepth.register(meters.getIfAvailable(SimpleMeterRegistry::new), deadLetters, consumers,
				Duration.ofSeconds(15), clock);
	}

	@Bean
	@DependsOn(MessagingSchema.BEAN_NAME)
	UnexpectedEvents unexpectedEvents(DataSource dataSource, ObjectProvider<MeterRegistry> meters) {
		return new UnexpectedEvents(JdbcClient.create(dataSource), meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	/**
	 * Services that handle events with JPA: each event's persistence context is written
	 * out and cleared by the dispatcher, not by the handler.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ EntityManagerFactory.class, EntityManagerFactoryUtils.class })
	static class JpaEvents {

		@Bean
		EventBoundary jpaEventBoundary(ObjectProvider<EntityManagerFactory> factories) {
			return new JpaEventBoundary(factories);
		}

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
