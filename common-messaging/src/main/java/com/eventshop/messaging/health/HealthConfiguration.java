package com.eventshop.messaging.health;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.eventshop.messaging.MessagingProperties;
import com.eventshop.messaging.consumer.ListenerContainers;
import com.eventshop.messaging.outbox.OutboxReading;
import com.eventshop.messaging.support.MessagingSchema;
import com.eventshop.messaging.topics.TopicDeclaration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * The {@code messaging} health contributor: {@code kafka}, {@code topics} (declared),
 * {@code listeners} (when the service consumes) and {@code outbox}. Services put it in
 * their readiness group beside {@code db}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(DataSource.class)
public class HealthConfiguration {

	/** How often Kafka is asked whether it is there. */
	private static final Duration KAFKA_CHECK_INTERVAL = Duration.ofSeconds(5);

	@Bean
	KafkaReachability kafkaReachability(KafkaProperties kafkaProperties, Clock clock) {
		return new KafkaReachability(kafkaProperties.buildAdminProperties(), KAFKA_CHECK_INTERVAL, clock);
	}

	@Bean
	@DependsOn(MessagingSchema.BEAN_NAME)
	CompositeHealthContributor messagingHealthContributor(KafkaReachability kafka,
			ObjectProvider<ListenerContainers> consumers, ObjectProvider<TopicDeclaration> topics, OutboxReading outbox,
			MessagingProperties properties, Clock clock) {
		Map<String, HealthContributor> parts = new LinkedHashMap<>();
		parts.put("kafka", (HealthIndicator) kafka::health);
		topics.ifAvailable((declaration) -> parts.put("topics", (HealthIndicator) declaration::health));
		consumers.ifAvailable((c) -> parts.put("listeners", new ListenerHealth(c)));
		parts.put("outbox", new RelayHealth(outbox, properties.outbox().maxUnpublishedAge(), clock));
		return CompositeHealthContributor.fromMap(parts);
	}

}
