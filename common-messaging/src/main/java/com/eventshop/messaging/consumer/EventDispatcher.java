package com.eventshop.messaging.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.eventshop.events.ShopEvent;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The listener of one consumer group. It reads each record of a poll into an event and
 * handles up to {@code maxBatch} events in one database transaction: their inbox rows
 * first (one statement), then each new event's handler in record order. One commit per
 * batch instead of one per event is what lets a consumer keep up under load; a
 * redelivered event finds its inbox row and changes nothing.
 * <p>
 * Failure keeps the guarantees of handling one event per transaction:
 * <ul>
 * <li>a record that cannot be read (poison) ends the batch before it: the events before
 * it are handled and committed, then the container's error handler dead-letters it;</li>
 * <li>when a handler fails, the batch's transaction rolls back entirely and its events
 * are handled again one per transaction, so that the failing one is found: those before
 * it commit, and the error handler retries it (or dead-letters it once the retries are
 * spent) before the ones after it.</li>
 * </ul>
 * Either way the error handler learns the failing record's index through a
 * {@link BatchListenerFailedException}, commits the offsets before it and seeks back to
 * it, exactly as it would for a listener of single records.
 */
final class EventDispatcher implements BatchMessageListener<byte[], byte[]> {

	private static final Logger logger = LoggerFactory.getLogger(EventDispatcher.class);

	private final EventConsumer consumer;

	private final EventReader reader;

	private final Inbox inbox;

	private final TransactionTemplate transactions;

	private final Duration lockTimeout;

	private final int maxBatch;

	private final ConsumerMetrics metrics;

	private final InfrastructureOutage outage;

	private final EventBoundary boundary;

	private final ObservationRegistry observations;

	private final HeldSequences held;

	private final Supplier<String> clusterId;

	EventDispatcher(EventConsumer consumer, EventReader reader, Inbox inbox, TransactionTemplate transactions,
			Duration lockTimeout, int maxBatch, ConsumerMetrics metrics, InfrastructureOutage outage,
			EventBoundary boundary, ObservationRegistry observations, Supplier<String> clusterId, HeldSequences held) {
		if (maxBatch < 1) {
			throw new IllegalArgumentException("A batch holds at least one event: " + maxBatch);
		}
		this.consumer = consumer;
		this.reader = reader;
		this.inbox = inbox;
		this.transactions = transactions;
		this.lockTimeout = lockTimeout;
		this.maxBatch = maxBatch;
		this.metrics = metrics;
		this.outage = outage;
		this.boundary = boundary;
		this.observations = observations;
		this.clusterId = clusterId;
		this.held = held;
	}

	@Override
	public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
		List<Pending> batch = new ArrayList<>(Math.min(records.size(), this.maxBatch));
		for (int index = 0; index < records.size(); index++) {
			ConsumerRecord<byte[], byte[]> record = records.get(index);
			Optional<EventReader.Incoming> incoming;
			try {
				incoming = this.reader.read(this.consumer, record);
			}
			catch (PoisonEventException ex) {
				handle(batch);
				this.outage.poison();
				throw new BatchListenerFailedException(ex.getMessage(), ex, index);
			}
			if (incoming.isEmpty()) {
				this.metrics.ignored();
				continue;
			}
			batch.add(new Pending(index, record, incoming.get()));
			if (batch.size() == this.maxBatch) {
				handle(batch);
				batch.clear();
			}
		}
		handle(batch);
	}

	/**
	 * Handles the events in one transaction or, when that fails, one per transaction up
	 * to the one that fails.
	 */
	private void handle(List<Pending> batch) {
		if (batch.isEmpty()) {
			return;
		}
		if (batch.size() > 1) {
			try {
				handleTogether(batch);
				return;
			}
			catch (RuntimeException ex) {
				if (this.outage.failed(ex)) {
					// The database or broker failed, not an event: one at a time would
					// fail the same way. The error handler backs off and retries.
					throw new BatchListenerFailedException(ex.getMessage(), ex, batch.getFirst().index());
				}
				// A failed attempt like any other; the retry is the batch one event at a
				// time.
				this.metrics.failed();
				logger.debug("{} handles a batch of {} one by one after {}", this.consumer.group(), batch.size(),
						ex.toString());
			}
		}
		for (Pending pending : batch) {
			try {
				handleTogether(List.of(pending));
			}
			catch (RuntimeException ex) {
				// The error handler's back-off asks whether this was the
				// infrastructure's.
				this.outage.failed(ex);
				throw new BatchListenerFailedException(ex.getMessage(), ex, pending.index());
			}
		}
	}

	private void handleTogether(List<Pending> batch) {
		Timer.Sample sample = this.metrics.start();
		List<Pending> released = new ArrayList<>();
		this.transactions.executeWithoutResult((status) -> {
			released.clear();
			// Before the lock timeout applies: waiting for a busy row is not a failure.
			this.consumer.preparation()
				.ifPresent((preparation) -> preparation
					.prepare(batch.stream().map((pending) -> (ShopEvent) pending.event().event()).toList()));
			this.inbox.limitLockWait(this.lockTimeout);
			sequence(batch);
			List<EventContext> handling = batch.stream()
				.filter((pending) -> pending.role != Role.HOLD)
				.map((pending) -> pending.event().context())
				.toList();
			Set<UUID> recorded = handling.isEmpty() ? new HashSet<>()
					: this.inbox.record(this.consumer.group(), handling);
			for (Pending pending : batch) {
				if (pending.role == Role.HOLD) {
					this.held.hold(this.consumer.group(), pending.key(), pending.event().context(), pending.record());
					continue;
				}
				// An event given twice in one batch is recorded once and handled once.
				pending.handled = recorded.remove(pending.event().context().eventId());
				if (pending.handled) {
					observe(pending);
					this.boundary.afterEvent();
				}
				if (pending.role == Role.RELEASE) {
					released.addAll(release(pending));
				}
			}
		});
		this.outage.handled();
		for (Pending pending : batch) {
			EventReader.Incoming event = pending.event();
			if (pending.role == Role.HOLD) {
				this.metrics.held();
				logger.debug("{} holds {} {} behind a dead letter of {}", this.consumer.group(), event.context().type(),
						event.context().eventId(), pending.key());
			}
			else if (pending.handled) {
				this.metrics.handled(sample, event.context().type());
			}
			else {
				this.metrics.duplicate();
				logger.debug("{} already handled {} {}", this.consumer.group(), event.context().type(),
						event.context().eventId());
			}
		}
		for (Pending pending : released) {
			this.metrics.released();
			if (pending.handled) {
				this.metrics.handled(sample, pending.event().context().type());
			}
		}
	}

	/**
	 * Decides what each event of the batch does about held keys: an event of a key held
	 * behind another event is held too; the event a key is held behind is handled and
	 * releases the key; an event after it in the batch is handled as usual.
	 */
	private void sequence(List<Pending> batch) {
		Set<String> keys = new HashSet<>();
		batch.forEach((pending) -> {
			pending.role = Role.HANDLE;
			if (pending.key() != null) {
				keys.add(pending.key());
			}
		});
		Map<String, UUID> held = this.held.held(this.consumer.group(), keys);
		for (Pending pending : batch) {
			UUID blocker = (pending.key() != null) ? held.get(pending.key()) : null;
			if (blocker == null) {
				continue;
			}
			if (blocker.equals(pending.event().context().eventId())) {
				pending.role = Role.RELEASE;
				held.remove(pending.key());
			}
			else {
				pending.role = Role.HOLD;
			}
		}
	}

	/**
	 * Handles the events held behind this one, in the order they arrived, in its
	 * transaction. One that fails fails the release: the transaction rolls back, the
	 * sequence stays held, and the event that releases it is retried.
	 */
	private List<Pending> release(Pending releasing) {
		List<Pending> released = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : this.held.release(this.consumer.group(), releasing.key())) {
			Optional<EventReader.Incoming> incoming = this.reader.read(this.consumer, record);
			if (incoming.isEmpty()) {
				continue;
			}
			Pending pending = new Pending(-1, record, incoming.get());
			pending.role = Role.HANDLE;
			pending.handled = !this.inbox.record(this.consumer.group(), List.of(incoming.get().context())).isEmpty();
			if (pending.handled) {
				try {
					observe(pending);
				}
				catch (RuntimeException ex) {
					EventContext event = incoming.get().context();
					throw new IllegalStateException(
							"Held " + event.type() + " " + event.eventId() + " failed when released behind "
									+ releasing.event().context().eventId() + ": " + ex.getMessage(),
							ex);
				}
				this.boundary.afterEvent();
			}
			released.add(pending);
		}
		return released;
	}

	/** Runs the handler as the record's listener observation: the trace goes on. */
	private void observe(Pending pending) {
		Observation observation = KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
				KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
				() -> new KafkaRecordReceiverContext(pending.record(), this.consumer.group() + "-consumer",
						this.consumer.group(), this.consumer.group(), this.clusterId),
				this.observations);
		observation.observe(pending.event()::handle);
	}

	/** What an event of a batch does about its key's hold. */
	private enum Role {

		/** Handled as usual: its key is not held. */
		HANDLE,

		/** Stored behind the event its key is held behind. */
		HOLD,

		/** The event its key is held behind: handled, then the held ones after it. */
		RELEASE

	}

	/** A readable record of the batch, at its index in the poll. */
	private static final class Pending {

		private final int index;

		private final ConsumerRecord<byte[], byte[]> record;

		private final EventReader.Incoming event;

		private boolean handled;

		private Role role = Role.HANDLE;

		Pending(int index, ConsumerRecord<byte[], byte[]> record, EventReader.Incoming event) {
			this.index = index;
			this.record = record;
			this.event = event;
		}

		int index() {
			return this.index;
		}

		ConsumerRecord<byte[], byte[]> record() {
			return this.record;
		}

		EventReader.Incoming event() {
			return this.event;
		}

		/** The record's key as text: the order id. */
		@Nullable String key() {
			byte[] key = this.record.key();
			return (key != null) ? new String(key, StandardCharsets.UTF_8) : null;
		}

	}

}
