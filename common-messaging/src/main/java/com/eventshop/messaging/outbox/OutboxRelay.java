package com.eventshop.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventTypes;
import com.eventshop.messaging.MessagingProperties.OutboxSettings;
import com.eventshop.messaging.support.BackgroundWorker;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them published once
 * Kafka has acknowledged them ({@code acks=all}, idempotent producer). Runs on one
 * thread; it wakes up right after a commit that appended events, and polls in case it
 * missed one (for example a row written by another instance).
 * <p>
 * Several instances may run a relay: a PostgreSQL advisory lock lets only one publish at
 * a time, which keeps each key's events in order. A batch that Kafka fails part-way is
 * marked published only up to its first failure; the rest is sent again after a backoff,
 * so a consumer may see a duplicate (which its inbox absorbs), never a gap.
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

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Supplier<Producer<String, byte[]>> producers;

	/**
	 * A new producer per start: a stopped relay (e.g. a paused context) can start again.
	 */
	private @Nullable Producer<String, byte[]> producer;

	private final OutboxSettings settings;

	private final OutboxMetrics metrics;

	private Instant nextPurge = Instant.now();

	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, Supplier<Producer<String, byte[]>> producers,
			OutboxSettings settings, OutboxMetrics metrics) {
		super("outbox-relay", settings.pollInterval(), Stopping.byInterrupt(settings.sendTimeout().plusSeconds(5)));
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.producers = producers;
		this.settings = settings;
		this.metrics = metrics;
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
	 * Publishes a batch and purges old rows when that is due.
	 * @return whether the batch was full, so that more rows may be waiting
	 */
	@Override
	protected boolean runRound() {
		Batch batch = publishBatch();
		if (batch.published() < batch.attempted()) {
			throw new IllegalStateException(
					"Kafka acknowledged " + batch.published() + " of " + batch.attempted() + " records");
		}
		purgeIfDue();
		return batch.attempted() >= this.settings.batchSize();
	}

	@Override
	protected Pause roundFailed(RuntimeException failure, int failures) {
		Duration backoff = exponential(FIRST_BACKOFF, failures - 1, this.settings.maxBackoff());
		this.metrics.failed();
		logger.warn("Outbox relay could not publish ({}); retrying in {} ms", failure.toString(), backoff.toMillis());
		// Not woken by commits: while Kafka fails,
		// new orders must not speed up the retries.
		return Pause.full(backoff);
	}

	/**
	 * Publishes up to one batch of unpublished rows, oldest first, and commits the
	 * published marks of the acknowledged ones.
	 * @return how many rows were attempted and how many were acknowledged
	 */
	Batch publishBatch() {
		Batch batch = this.transactions.execute((status) -> {
			Boolean locked = this.jdbc.sql("select pg_try_advisory_xact_lock(?)")
				.param(LOCK_KEY)
				.query(Boolean.class)
				.single();
			if (!Boolean.TRUE.equals(locked)) {
				return new Batch(0, 0);
			}
			List<OutboxRow> rows = this.jdbc.sql("""
					select id, event_id, topic, record_key, event_type, source, subject, correlation_id,
					       causation_id, traceparent, occurred_at, created_at, payload
					from messaging.outbox where published_at is null order by id limit ?""")
				.param(this.settings.batchSize())
				.query(OutboxRow.class)
				.list();
			if (rows.isEmpty()) {
				return new Batch(0, 0);
			}
			List<Long> done = send(rows);
			if (!done.isEmpty()) {
				this.jdbc.sql("update messaging.outbox set published_at = clock_timestamp() where id = any(?)")
					.param(done.toArray(Long[]::new))
					.update();
				this.metrics.published(rows.subList(0, done.size()));
			}
			return new Batch(rows.size(), done.size());
		});
		return (batch != null) ? batch : new Batch(0, 0);
	}

	/**
	 * The outcome of one relay transaction.
	 *
	 * @param attempted rows sent to Kafka
	 * @param published rows Kafka acknowledged and that are now marked published
	 */
	record Batch(int attempted, int published) {
	}

	/** Sends the rows and returns the ids of the longest acknowledged prefix. */
	private List<Long> send(List<OutboxRow> rows) {
		Producer<String, byte[]> current = this.producer;
		if (current == null) {
			throw new IllegalStateException("The outbox relay is stopped");
		}
		List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
		for (OutboxRow row : rows) {
			acks.add(current.send(record(row)));
		}
		long deadline = System.nanoTime() + this.settings.sendTimeout().toNanos();
		List<Long> done = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			try {
				acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				done.add(rows.get(i).id());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (ExecutionException | TimeoutException ex) {
				logger.debug("Kafka did not acknowledge outbox row {}", rows.get(i).id(), ex);
				break;
			}
		}
		return done;
	}

	private static ProducerRecord<String, byte[]> record(OutboxRow row) {
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
		header(headers, CloudEventHeaders.TRACEPARENT, row.traceparent());
		return new ProducerRecord<>(row.topic(), null, row.recordKey(), row.payload(), headers);
	}

	private static void header(RecordHeaders headers, String name, @Nullable String value) {
		if (value != null) {
			headers.add(name, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	private void purgeIfDue() {
		if (Instant.now().isBefore(this.nextPurge)) {
			return;
		}
		this.nextPurge = Instant.now().plus(this.settings.purgeInterval());
		int purged = this.jdbc.sql("delete from messaging.outbox where published_at < ?")
			.param(Timestamp.from(Instant.now().minus(this.settings.retention())))
			.update();
		if (purged > 0) {
			logger.info("Purged {} published outbox rows older than {}", purged, this.settings.retention());
		}
	}

}
