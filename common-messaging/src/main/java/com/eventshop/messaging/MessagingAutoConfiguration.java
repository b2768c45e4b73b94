package com.eventshop.messaging;

import java.time.Clock;
import javax.sql.DataSource;

import com.eventshop.messaging.consumer.ConsumerConfiguration;
import com.eventshop.messaging.health.HealthConfiguration;
import com.eventshop.messaging.housekeeping.HousekeepingConfiguration;
import com.eventshop.messaging.outbox.OutboxConfiguration;
import com.eventshop.messaging.support.EventJson;
import com.eventshop.messaging.support.MessagingSchema;
import com.eventshop.messaging.topics.TopicDeclaration;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Everything a service gets by depending on {@code common-messaging}.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class })
@EnableConfigurationProperties(MessagingProperties.class)
@Import({ OutboxConfiguration.class, ConsumerConfiguration.class, HealthConfiguration.class,
		HousekeepingConfiguration.class })
public class MessagingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventJson eventJson() {
		return new EventJson();
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean(MessagingSchema.BEAN_NAME)
	@ConditionalOnBean(DataSource.class)
	MessagingSchema messagingSchema(DataSource dataSource) {
		return new MessagingSchema(dataSource);
	}

	@Bean
	EventSource eventSource(MessagingProperties properties, Environment environment) {
		String source = properties.source();
		if (source == null || source.isBlank()) {
			source = "/" + environment.getProperty("spring.application.name", "eventshop");
		}
		return new EventSource(source);
	}

	@Bean
	KafkaAdmin.NewTopics publishedTopics(MessagingProperties properties) {
		return new KafkaAdmin.NewTopics(properties.publishes()
			.stream()
			.distinct()
			.map((topic) -> properties.topics().declare(topic, properties.topics().retention()))
			.toArray(NewTopic[]::new));
	}

	@Bean
	@ConditionalOnBean(KafkaAdmin.class)
	TopicDeclaration topicDeclaration(KafkaAdmin admin, Environment environment, Clock clock) {
		return new TopicDeclaration(admin,
				environment.getProperty("spring.kafka.admin.auto-create", Boolean.class, Boolean.TRUE), clock);
	}

	/**
	 * The CloudEvents {@code source} of this service's events.
	 *
	 * @param value e.g. {@code /order-service}
	 */
	public record EventSource(String value) {
	}

}
