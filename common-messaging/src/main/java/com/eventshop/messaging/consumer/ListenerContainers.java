package com.eventshop.messaging.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.messaging.MessagingProperties.ConsumerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The listener containers of every {@link EventConsumer} of the application, started and
 * stopped with it. Each group reads its topics plus its own replay topics, retries
 * transient failures with exponential backoff, and sends poison records and exhausted
 * retries to its own dead-letter topic, keeping the original headers and adding the
 * failure's.
 */
public final class ListenerContainers implements SmartLifecycle {

	/** Header on a dead-lettered record: why it was dead-lettered. */
	public static final String REASON_HEADER = "eventshop_dlt_reason";

	private static final Logger logger = LoggerFactory.getLogger(ListenerContainers.class);

	private final List<ConcurrentMessageListenerContainer<byte[], byte[]>> containers = new ArrayList<>();

	private final Map<String, InfrastructureOutage> outages = new LinkedHashMap<>();

	private volatile boolean running;

	ListenerContainers(List<EventConsumer> consumers, ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory,
			KafkaTemplate<byte[], byte[]> deadLetterTemplate, EventReader reader, JdbcClient jdbc,
			TransactionTemplate transactions, ConsumerSettings settings, MeterRegistry meters, EventBoundary boundary,
			ObservationRegistry observations, Supplier<String> clusterId, Clock clock, HeldSequences held) {
		Inbox inbox = new Inbox(jdbc);
		for (EventConsumer consumer : consumers) {
			ConsumerMetrics metrics = new ConsumerMetrics(meters, consumer.group());
			InfrastructureOutage outage = new InfrastructureOutage(consumer.group(), meters, clock);
			List<String> topics = new ArrayList<>(consumer.topics());
			consumer.topics().forEach((topic) -> topics.add(consumer.retryTopic(topic)));
			// The factory carries what Boot configured (spring.kafka.listener.*,
			// container
			// customizers); what makes this group's container is set on top.
			ConcurrentMessageListenerContainer<byte[], byte[]> container = factory
				.createContainer(topics.toArray(String[]::new));
			ContainerProperties properties = container.getContainerProperties();
			properties.setGroupId(consumer.group());
			properties.setClientId(consumer.group());
			// The dispatcher observes each record itself, inside the batch's transaction;
			// the container's own observation would add a second span around the batch.
			properties.setObservationEnabled(false);
			properties
				.setMessageListener(new EventDispatcher(consumer, reader, inbox, transactions, settings.lockTimeout(),
						settings.batchSize(), metrics, outage, boundary, observations, clusterId, held));
			container.setConcurrency(settings.concurrency());
			container
				.setCommonErrorHandler(errorHandler(consumer, deadLetterTemplate, settings, metrics, outage, held));
			container.setBeanName(consumer.group() + "-consumer");
			this.containers.add(container);
			this.outages.put(consumer.group(), outage);
		}
	}

	private static DefaultErrorHandler errorHandler(EventConsumer consumer, KafkaTemplate<byte[], byte[]> template,
			ConsumerSettings settings, ConsumerMetrics metrics, InfrastructureOutage outage, HeldSequences held) {
		DeadLetterPublishingRecoverer deadLetters = new SizeLimitedDeadLetterRecoverer(template,
				(record, ex) -> new TopicPartition(consumer.deadLetterTopic(consumer.sourceTopic(record.topic())), -1),
				settings.deadLetterMaxBytes());
		deadLetters.setHeadersFunction((record, ex) -> {
			String reason = reason(ex);
			metrics.deadLettered(reason);
			logger.warn("{} dead-letters {}-{}@{} ({}): {}", consumer.group(), record.topic(), record.partition(),
					record.offset(), reason, rootMessage(ex));
			return new RecordHeaders(List.of(new RecordHeader(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8))));
		});
		// The dead letter names what went wrong with
		// the record, not the batch that carried it.
		// A record given up on after its retries holds its key first: the group's later
		// events of the same order wait behind it (a poison record is not known to be one
		// of the order's events, and never succeeds on a replay, so it holds nothing).
		ConsumerAwareRecordRecoverer recoverer = (record, kafkaConsumer, ex) -> {
			holdBehind(consumer, held, record, ex);
			deadLetters.accept(record, kafkaConsumer, withoutBatch(ex));
		};
		// Failures of the record: bounded retries, then the dead-letter topic. Failures
		// of
		// the database or broker: retried without limit, the group not ready meanwhile.
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, outage.backOff(settings.retry()));
		handler.addNotRetryableExceptions(PoisonEventException.class);
		handler.setRetryListeners(new RetryListener() {

			@Override
			public void failedDelivery(ConsumerRecord<?, ?> record, @Nullable Exception ex, int attempt) {
				metrics.failed();
			}

			@Override
			public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int attempt) {
				metrics.failed();
			}

		});
		return handler;
	}

	private static void holdBehind(EventConsumer consumer, HeldSequences held, ConsumerRecord<?, ?> record,
			Exception ex) {
		String id = EventReader.header(record, CloudEventHeaders.ID);
		String type = EventReader.header(record, CloudEventHeaders.TYPE);
		if (!reason(ex).equals("RETRIES_EXHAUSTED") || !(record.key() instanceof byte[] key) || id == null
				|| type == null) {
			return;
		}
		UUID eventId;
		try {
			eventId = UUID.fromString(id);
		}
		catch (IllegalArgumentException notAnId) {
			return;
		}
		held.holdBehind(consumer.group(), new String(key, StandardCharsets.UTF_8), eventId, type);
	}

	/**
	 * The listener's failure as a record listener's would look: the container's wrapper
	 * (which carries the group) around the cause the dispatcher gave for the record.
	 */
	private static Exception withoutBatch(Exception ex) {
		if (ex instanceof BatchListenerFailedException batch && batch.getCause() instanceof Exception cause) {
			return cause;
		}
		if (ex instanceof ListenerExecutionFailedException wrapper
				&& wrapper.getCause() instanceof BatchListenerFailedException batch
				&& batch.getCause() instanceof Exception cause) {
			return new ListenerExecutionFailedException(Objects.toString(cause.getMessage(), cause.toString()),
					wrapper.getGroupId(), cause);
		}
		return ex;
	}

	private static String reason(Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PoisonEventException poison) {
				return poison.getReason().name();
			}
		}
		return "RETRIES_EXHAUSTED";
	}

	private static String rootMessage(Exception ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.toString();
	}

	@Override
	public void start() {
		this.containers.forEach(ConcurrentMessageListenerContainer::start);
		this.running = true;
	}

	@Override
	public void stop() {
		this.containers.forEach(ConcurrentMessageListenerContainer::stop);
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** The listener containers, by group, for health and tests. */
	public Map<String, ConcurrentMessageListenerContainer<byte[], byte[]>> containers() {
		Map<String, ConcurrentMessageListenerContainer<byte[], byte[]>> byGroup = new LinkedHashMap<>();
		this.containers.forEach((c) -> byGroup.put(c.getGroupId(), c));
		return byGroup;
	}

	/**
	 * Since when a group has been stuck on an infrastructure failure (its records are
	 * retried without limit meanwhile), and on what; empty while it is not.
	 */
	public Optional<String> stuckOnInfrastructure(String group) {
		InfrastructureOutage outage = this.outages.get(group);
		if (outage == null) {
			return Optional.empty();
		}
		return outage.since().map((since) -> "stuck on infrastructure since " + since + ": " + outage.cause());
	}

}
