package com.eventshop.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventTypes;
import com.eventshop.messaging.MessagingProperties.OutboxSettings;
import com.eventshop.messaging.support.BackgroundWorker;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them published once
 * Kafka has acknowledged them ({@code acks=all}, idempotent producer). Runs on one
 * thread; it wakes up right after a commit that appended events, and polls in case it
 * missed one (for example a row written by another instance).
 * <p>
 * <b>No transaction waits for Kafka.</b> A round reads a batch, sends it, then marks the
 * acknowledged rows published, each statement in its own short transaction. Several
 * instances may run a relay: a session-level PostgreSQL advisory lock, held by the
 * round's connection (idle, not in a transaction, while it waits for Kafka), lets only
 * one publish at a time, which keeps each key's events in order. A row sent but not
 * acknowledged is sent again later, so a consumer may see a duplicate (which its inbox
 * absorbs), never a gap.
 * <p>
 * <b>A row Kafka can never take</b> (too large, invalid) is tried {@code max-attempts}
 * times and then parked with its reason; the later rows of its key are parked behind it,
 * so they never overtake it. An outage (timeouts, no broker, unknown topic) is never an
 * attempt: the relay backs off and tries again without a limit.
 */
public class OutboxRelay extends BackgroundWorker {

	/**
	 * Advisory lock key: the bytes of "outbox" as a number; any constant works per
	 * database.
	 */
	private static final long LOCK_KEY = 0x6f7574626f78L;

	/** The pause after the first failed round; it doubles with each further one. */
	private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final DataSource dataSource;

	private final Supplier<Producer<String, byte[]>> producers;

	/**
	 * A new producer per start: a stopped relay (e.g. a paused context) can start again.
	 */
	private @Nullable Producer<String, byte[]> producer;

	private final OutboxSettings settings;

	private final OutboxMetrics metrics;

	private final PublishSpans spans;

	OutboxRelay(DataSource dataSource, Supplier<Producer<String, byte[]>> producers, OutboxSettings settings,
			OutboxMetrics metrics) {
		this(dataSource, producers, settings, metrics, PublishSpans.untraced());
	}

	OutboxRelay(DataSource dataSource, Supplier<Producer<String, byte[]>> producers, OutboxSettings settings,
			OutboxMetrics metrics, PublishSpans spans) {
		super("outbox-relay", settings.pollInterval(), Stopping.byInterrupt(settings.sendTimeout().plusSeconds(5)));
		this.dataSource = dataSource;
		this.producers = producers;
		this.settings = settings;
		this.metrics = metrics;
		this.spans = spans;
	}

	/** Creates this run's producer and starts the relay's thread. */
	@Override
	public void start() {
		this.producer = this.producers.get();
		super.start();
	}

	/**
	 * Interrupts a batch in flight (its unacknowledged rest is sent again later) and
	 * closes the producer once the thread has ended.
	 */
	@Override
	public void stop() {
		super.stop();
		Producer<String, byte[]> stopped = this.producer;
		if (stopped != null) {
			stopped.close(Duration.ofSeconds(5));
			this.producer = null;
		}
	}

	/**
	 * Publishes a batch.
	 * @return whether more rows may be waiting
	 */
	@Override
	protected boolean runRound() {
		Batch batch = publishBatch();
		if (batch.unavailable() != null) {
			throw new KafkaUnavailableException(batch);
		}
		return batch.attempted() >= this.settings.batchSize() || batch.held();
	}

	@Override
	protected Pause roundFailed(RuntimeException failure, int failures) {
		Duration backoff = exponential(FIRST_BACKOFF, failures - 1, this.settings.maxBackoff());
		this.metrics.failed();
		logger.warn("Outbox relay could not publish ({}); retrying in {} ms", failure.getMessage(), backoff.toMillis());
		// Not woken by commits: while Kafka fails, new orders must not speed up the
		// retries.
		return Pause.full(backoff);
	}

	/**
	 * One round on one connection, under the relay lock: publishes up to one batch of
	 * unpublished rows, oldest first, marks the acknowledged ones and counts or parks the
	 * refused ones.
	 * @return what happened to the batch
	 */
	Batch publishBatch() {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
			Boolean locked = jdbc.sql("select pg_try_advisory_lock(?)").param(LOCK_KEY).query(Boolean.class).single();
			if (!Boolean.TRUE.equals(locked)) {
				return Batch.NONE;
			}
			try {
				return publish(new OutboxRows(jdbc));
			}
			finally {
				jdbc.sql("select pg_advisory_unlock(?)").param(LOCK_KEY).query(Boolean.class).single();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Outbox database unavailable: " + ex.getMessage(), ex);
		}
	}

	private Batch publish(OutboxRows store) {
		List<OutboxRow> rows = store.next(this.settings.batchSize());
		if (rows.isEmpty()) {
			return Batch.NONE;
		}
		Map<String, Long> parkedKeys = store.parkedKeys(rows.stream().map(OutboxRow::recordKey).distinct().toList());
		parkedKeys.forEach((key, parkedId) -> this.metrics.parked(store.parkBehind(key, parkedId)));
		Sends sends = send(rows, parkedKeys.keySet());
		Map<OutboxRow, Future<RecordMetadata>> sent = sends.acks();
		boolean held = sends.held();
		long deadline = System.nanoTime() + this.settings.sendTimeout().toNanos();
		List<Long> acknowledged = new ArrayList<>(sent.size());
		List<OutboxRow> acknowledgedRows = new ArrayList<>(sent.size());
		@Nullable Throwable unavailable = null;
		for (Map.Entry<OutboxRow, Future<RecordMetadata>> send : sent.entrySet()) {
			OutboxRow row = send.getKey();
			try {
				send.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				acknowledged.add(row.id());
				acknowledgedRows.add(row);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				unavailable = ex;
				break;
			}
			catch (ExecutionException | TimeoutException ex) {
				Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
				if (neverAccepted(cause)) {
					refused(store, row, cause);
					held = true;
				}
				else {
					logger.debug("Kafka did not acknowledge outbox row {}", row.id(), cause);
					unavailable = (unavailable != null) ? unavailable : cause;
				}
			}
		}
		store.markPublished(acknowledged);
		this.metrics.published(acknowledgedRows);
		return new Batch(rows.size(), acknowledged.size(), held, unavailable);
	}

	/**
	 * Sends the rows that may go now. A key whose row is parked sends nothing; a key
	 * whose row was refused before sends only that row, and waits for its answer before
	 * the rest of the key goes; a send that fails at once (too large, no metadata) holds
	 * its key, and an outage stops the round.
	 */
	private Sends send(List<OutboxRow> rows, Set<String> parkedKeys) {
		Producer<String, byte[]> current = this.producer;
		if (current == null) {
			throw new IllegalStateException("The outbox relay is stopped");
		}
		Map<OutboxRow, Future<RecordMetadata>> sent = new LinkedHashMap<>();
		Set<String> heldKeys = new HashSet<>();
		boolean held = false;
		for (OutboxRow row : rows) {
			if (parkedKeys.contains(row.recordKey())) {
				continue;
			}
			if (heldKeys.contains(row.recordKey())) {
				held = true;
				continue;
			}
			PublishSpans.Publication publication = this.spans.start(row);
			Future<RecordMetadata> ack = current.send(record(row, publication.traceparent()), publication);
			sent.put(row, ack);
			Throwable immediate = failure(ack);
			if (immediate != null && !neverAccepted(immediate)) {
				// No metadata within max.block.ms: the next sends would wait as long.
				break;
			}
			if (row.attempts() > 0 || immediate != null) {
				heldKeys.add(row.recordKey());
			}
		}
		return new Sends(sent, held);
	}

	private record Sends(Map<OutboxRow, Future<RecordMetadata>> acks, boolean held) {
	}

	private void refused(OutboxRows store, OutboxRow row, Throwable cause) {
		String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		int attempts = store.refused(row.id(), reason);
		if (attempts >= this.settings.maxAttempts()) {
			int parked = store.park(row, reason);
			this.metrics.parked(parked);
			logger.error("Parked outbox row {} (event {}, key {}) after {} attempts: {}; {} later row(s) of its key "
					+ "wait behind it", row.id(), row.eventId(), row.recordKey(), attempts, reason, parked - 1);
		}
		else {
			logger.warn("Kafka refused outbox row {} (attempt {} of {}): {}", row.id(), attempts,
					this.settings.maxAttempts(), reason);
		}
	}

	/**
	 * Whether Kafka can never take this record as it is, however often it is sent; an
	 * outage (timeouts, no leader, unknown topic) is not such a failure.
	 */
	static boolean neverAccepted(@Nullable Throwable failure) {
		return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
				|| failure instanceof InvalidTopicException || failure instanceof InvalidRecordException
				|| failure instanceof SerializationException;
	}

	private static @Nullable Throwable failure(Future<RecordMetadata> ack) {
		if (!ack.isDone()) {
			return null;
		}
		try {
			ack.get(0, TimeUnit.NANOSECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ex;
		}
		catch (TimeoutException ex) {
			return null;
		}
	}

	private static ProducerRecord<String, byte[]> record(OutboxRow row, @Nullable String traceparent) {
		RecordHeaders headers = new RecordHeaders();
		header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
		header(headers, CloudEventHeaders.ID, row.eventId().toString());
		header(headers, CloudEventHeaders.SOURCE, row.source());
		header(headers, CloudEventHeaders.TYPE, row.eventType());
		header(headers, CloudEventHeaders.TIME, row.occurredAt().toInstant().toString());
		header(headers, CloudEventHeaders.SUBJECT, row.subject());
		header(headers, CloudEventHeaders.DATA_SCHEMA,
				EventTypes.byName(row.eventType()).map((type) -> type.dataSchema().toString()).orElse(null));
		header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
		header(headers, CloudEventHeaders.CORRELATION_ID, row.correlationId());
		header(headers, CloudEventHeaders.CAUSATION_ID, row.causationId());
		header(headers, CloudEventHeaders.TRACEPARENT, traceparent);
		return new ProducerRecord<>(row.topic(), null, row.recordKey(), row.payload(), headers);
	}

	private static void header(RecordHeaders headers, String name, @Nullable String value) {
		if (value != null) {
			headers.add(name, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	/**
	 * The outcome of one relay round.
	 *
	 * @param attempted rows read
	 * @param published rows Kafka acknowledged
	 * @param held whether rows of a key wait behind a refused row, so another round
	 * should follow at once
	 * @param unavailable why Kafka did not answer for some rows (an outage), if it did
	 * not
	 */
	record Batch(int attempted, int published, boolean held, @Nullable Throwable unavailable) {

		static final Batch NONE = new Batch(0, 0, false, null);

	}

	/** Kafka did not acknowledge part of a round for a reason that may pass. */
	static final class KafkaUnavailableException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		KafkaUnavailableException(Batch batch) {
			super("Kafka acknowledged " + batch.published() + " of " + batch.attempted() + " records: "
					+ batch.unavailable(), batch.unavailable());
		}

	}

}
