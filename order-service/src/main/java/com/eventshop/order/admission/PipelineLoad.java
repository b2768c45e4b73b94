package com.eventshop.order.admission;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.eventshop.messaging.outbox.OutboxReading;
import com.eventshop.messaging.support.BackgroundWorker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far behind the order pipeline is, read in the background and cached: the outbox
 * backlog (events not yet acknowledged by Kafka), the saga's consumer lag (records of
 * inventory and shipping the {@code order} group has not read yet) and how long the saga
 * would take to read that lag at the rate it read records lately ({@link SagaProgress}).
 * Requests only read the cached {@link Snapshot}, so a slow database or an unreachable
 * broker never holds a request thread; listeners and the relay never wait for it either.
 * <p>
 * What cannot be read (the broker is down, say) counts as unknown and refuses nothing by
 * itself: during a Kafka outage the outbox backlog, read from the service's own database,
 * is what grows and bounds intake.
 */
class PipelineLoad extends BackgroundWorker {

	private static final Logger logger = LoggerFactory.getLogger(PipelineLoad.class);

	/** The consumer group of the order saga (see {@code OrderEvents}). */
	static final String SAGA_GROUP = "order";

	/** Longest a Kafka admin call may take before the lag counts as unknown. */
	private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);

	private final OutboxReading outbox;

	private final Admin kafka;

	private final AdmissionProperties properties;

	private final SagaProgress progress = new SagaProgress();

	private volatile Snapshot snapshot = Snapshot.UNKNOWN;

	PipelineLoad(OutboxReading outbox, Admin kafka, AdmissionProperties properties) {
		super("admission-refresher", properties.refreshInterval(),
				Stopping.byInterrupt(KAFKA_TIMEOUT.plus(Duration.ofSeconds(1))));
		this.outbox = outbox;
		this.kafka = kafka;
		this.properties = properties;
	}

	/** The latest reading; never blocks. */
	Snapshot snapshot() {
		return this.snapshot;
	}

	@Override
	protected boolean runRound() {
		Long backlog = backlog();
		SagaReading saga = saga();
		if (saga == null) {
			this.progress.forget();
			this.snapshot = new Snapshot(backlog, null, null);
		}
		else {
			this.snapshot = new Snapshot(backlog, saga.lag(),
					this.progress.delay(System.nanoTime(), saga.committed(), saga.lag()));
		}
		return false;
	}

	@Override
	protected Pause roundFailed(RuntimeException failure, int failures) {
		logger.debug("Could not read the pipeline's load", failure);
		this.progress.forget();
		this.snapshot = Snapshot.UNKNOWN;
		return Pause.upTo(exponential(this.properties.refreshInterval(), failures, Duration.ofSeconds(5)));
	}

	@Override
	protected void afterLastRound() {
		this.kafka.close(Duration.ZERO);
	}

	/**
	 * Unpublished outbox rows, from the outbox's own background reading (it counts up to
	 * a limit far above any admission bound), or null while it has no recent reading.
	 */
	private @Nullable Long backlog() {
		OutboxReading.Snapshot reading = this.outbox.current();
		return (reading != null) ? reading.backlog() : null;
	}

	/**
	 * The saga's group: records it has not read yet, over the partitions it has committed
	 * offsets for (a partition it never committed on counts as caught up), and its
	 * committed offsets summed; null when it cannot be read.
	 */
	private @Nullable SagaReading saga() {
		try {
			Map<TopicPartition, OffsetAndMetadata> committed = this.kafka
				.listConsumerGroupOffsets(SAGA_GROUP,
						new ListConsumerGroupOffsetsOptions().timeoutMs((int) KAFKA_TIMEOUT.toMillis()))
				.partitionsToOffsetAndMetadata()
				.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			committed.forEach((partition, offset) -> {
				if (offset != null) {
					latest.put(partition, OffsetSpec.latest());
				}
			});
			if (latest.isEmpty()) {
				return new SagaReading(0, 0);
			}
			Map<TopicPartition, ListOffsetsResultInfo> ends = this.kafka
				.listOffsets(latest, new ListOffsetsOptions().timeoutMs((int) KAFKA_TIMEOUT.toMillis()))
				.all()
				.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			long lag = 0;
			long read = 0;
			for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
				OffsetAndMetadata offset = committed.get(end.getKey());
				if (offset != null) {
					lag = Math.addExact(lag, Math.max(0, end.getValue().offset() - offset.offset()));
					read = Math.addExact(read, offset.offset());
				}
			}
			return new SagaReading(lag, read);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			logger.debug("Could not read the saga's consumer lag", ex);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private record SagaReading(long lag, long committed) {
	}

	/**
	 * One reading of the pipeline.
	 *
	 * @param outboxBacklog unpublished outbox rows (counted up to one past the bound), or
	 * null when unknown
	 * @param sagaLag records the saga's group has not read yet, or null when unknown
	 * @param sagaDelay how long the saga would take to read its lag at its recent rate,
	 * or null when unknown
	 */
	record Snapshot(@Nullable Long outboxBacklog, @Nullable Long sagaLag, @Nullable Duration sagaDelay) {

		static final Snapshot UNKNOWN = new Snapshot(null, null, null);

		/**
		 * The fewest waiting records at which the saga's delay refuses orders: a few
		 * records waiting long are a slow saga (a cold start, a busy machine), not more
		 * orders than it finishes.
		 */
		static final long DELAY_FLOOR = 100;

		/**
		 * Why no new order should be taken, or null when there is room.
		 */
		@Nullable Overload overload(AdmissionProperties limits) {
			if (this.outboxBacklog != null && this.outboxBacklog >= limits.maxOutboxBacklog()) {
				return Overload.OUTBOX_BACKLOG;
			}
			if (this.sagaLag != null && this.sagaLag >= limits.maxSagaLag()) {
				return Overload.SAGA_LAG;
			}
			if (this.sagaDelay != null && this.sagaDelay.compareTo(limits.maxSagaDelay()) >= 0 && this.sagaLag != null
					&& this.sagaLag >= DELAY_FLOOR) {
				return Overload.SAGA_DELAY;
			}
			return null;
		}

	}

}
