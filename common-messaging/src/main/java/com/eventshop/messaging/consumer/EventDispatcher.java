package com.eventshop.messaging.consumer;

import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The listener of one consumer group: reads each record into an event and, in one
 * database transaction, records it in the inbox and runs its handler. A redelivered event
 * finds its inbox row and changes nothing. Failures propagate to the container's error
 * handler, which retries or dead-letters the record.
 */
final class EventDispatcher implements MessageListener<byte[], byte[]> {

	private static final Logger logger = LoggerFactory.getLogger(EventDispatcher.class);

	private final EventConsumer consumer;

	private final EventReader reader;

	private final Inbox inbox;

	private final TransactionTemplate transactions;

	private final Duration lockTimeout;

	private final ConsumerMetrics metrics;

	EventDispatcher(EventConsumer consumer, EventReader reader, Inbox inbox, TransactionTemplate transactions,
			Duration lockTimeout, ConsumerMetrics metrics) {
		this.consumer = consumer;
		this.reader = reader;
		this.inbox = inbox;
		this.transactions = transactions;
		this.lockTimeout = lockTimeout;
		this.metrics = metrics;
	}

	@Override
	public void onMessage(ConsumerRecord<byte[], byte[]> record) {
		Optional<EventReader.Incoming> incoming = this.reader.read(this.consumer, record);
		if (incoming.isEmpty()) {
			this.metrics.ignored();
			return;
		}
		EventReader.Incoming event = incoming.get();
		Timer.Sample sample = this.metrics.start();
		Boolean handled = this.transactions.execute((status) -> {
			this.inbox.limitLockWait(this.lockTimeout);
			if (!this.inbox.record(this.consumer.group(), event.context())) {
				return false;
			}
			event.handle();
			return true;
		});
		if (Boolean.TRUE.equals(handled)) {
			this.metrics.handled(sample, event.context().type());
		}
		else {
			this.metrics.duplicate();
			logger.debug("{} already handled {} {}", this.consumer.group(), event.context().type(),
					event.context().eventId());
		}
	}

}
