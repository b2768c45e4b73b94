package com.eventshop.analytics.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import com.eventshop.analytics.facts.AnalyticsProjection;
import com.eventshop.analytics.rebuild.HistoryEvents.HistoryEvent;
import com.eventshop.events.EventTypes;
import com.eventshop.events.ShopEvent;
import com.eventshop.messaging.support.EventJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the analytics projection from the event history while the live one serves.
 * <ol>
 * <li>Creates empty shadow tables ({@link ShadowProjection}).</li>
 * <li>Reads every partition of the history topics from the beginning up to the end it
 * found at the start, with a consumer of its own (group {@value #GROUP}, partitions
 * assigned, no offsets committed), and applies each poll's events to the shadow in one
 * transaction, deduplicated by the shadow's own inbox. The live group's inbox, retries
 * and dead letters play no part.</li>
 * <li>In one transaction: locks the live tables, reads what was published meanwhile (up
 * to the end found under the lock, so every event the live tables reflect is in the
 * shadow), and swaps the shadow in. A failed swap (a deadlock with the live group, a lock
 * timeout) is rolled back and tried again from the same positions.</li>
 * </ol>
 * Progress is in {@code projection_rebuild} ({@link RebuildProgress}).
 */
@Service
public class ProjectionRebuild implements DisposableBean {

	/** The rebuild's consumer group id; it commits no offsets. */
	static final String GROUP = "analytics-rebuild";

	private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

	private static final int SWAP_ATTEMPTS = 5;

	/** Polls in a row that may return nothing before the broker is given up on. */
	private static final int MAX_EMPTY_POLLS = 120;

	private final AnalyticsProjection liveRules;

	private final KafkaProperties kafka;

	private final HistoryEvents reader;

	private final ShadowProjection shadow;

	private final RebuildProgress progress;

	private final TransactionTemplate transactions;

	private final ExecutorService executor = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("projection-rebuild").daemon().factory());

	ProjectionRebuild(AnalyticsProjection liveRules, KafkaProperties kafka, EventJson json, JdbcClient jdbc,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.liveRules = liveRules;
		this.kafka = kafka;
		this.reader = new HistoryEvents(json);
		this.shadow = new ShadowProjection(jdbc);
		this.progress = new RebuildProgress(jdbc, clock);
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Starts a rebuild with the live rules. */
	public RebuildStatus start() {
		return start(this.liveRules);
	}

	/**
	 * Starts a rebuild in the background.
	 * @param rules the rules to apply, the live ones unless a test (or a migration to new
	 * rules) says otherwise
	 * @return its status, just started
	 * @throws RebuildRunningException when one is running
	 */
	public RebuildStatus start(AnalyticsProjection rules) {
		long id = this.progress.begin();
		this.executor.execute(() -> run(id, rules));
		return this.progress.latest().orElseThrow();
	}

	/** The latest rebuild, running or finished. */
	public Optional<RebuildStatus> latest() {
		return this.progress.latest();
	}

	/** The latest rebuilds, newest first. */
	List<RebuildStatus> recent() {
		return this.progress.recent();
	}

	private void run(long id, AnalyticsProjection rules) {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = partitions(consumer, rules);
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			long size = partitions.stream().mapToLong((p) -> end.get(p) - begin.get(p)).sum();
			this.progress.historySize(id, size);
			this.transactions.executeWithoutResult((status) -> this.shadow.create());
			log.info("Rebuilding the analytics projection from {} records of {}", size, partitions);
			drain(consumer, end,
					(records) -> this.transactions.executeWithoutResult((status) -> apply(id, records, rules)));
			swap(id, consumer, partitions, rules);
			log.info("Rebuilt the analytics projection: {}", this.progress.latest().orElseThrow());
		}
		catch (RuntimeException ex) {
			log.warn("Rebuilding the analytics projection failed; the live one is unchanged", ex);
			this.progress.failed(id, String.valueOf(ex));
		}
	}

	private void swap(long id, KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
			AnalyticsProjection rules) {
		Map<TopicPartition, Long> positions = new HashMap<>();
		partitions.forEach((partition) -> positions.put(partition, consumer.position(partition)));
		for (int attempt = 1;; attempt++) {
			try {
				this.transactions.executeWithoutResult((status) -> {
					this.shadow.lockLive();
					Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
					drain(consumer, end, (records) -> apply(id, records, rules));
					this.shadow.swap();
					this.progress.swapped(id);
				});
				return;
			}
			catch (DataAccessException ex) {
				if (attempt == SWAP_ATTEMPTS) {
					throw ex;
				}
				log.info("Swap attempt {} failed, trying again: {}", attempt, ex.getMessage());
				positions.forEach(consumer::seek);
			}
		}
	}

	private void apply(long id, ConsumerRecords<byte[], byte[]> records, AnalyticsProjection rules) {
		List<HistoryEvent> events = new ArrayList<>();
		Set<Class<?>> wanted = rules.eventClasses();
		long bytes = 0;
		for (ConsumerRecord<byte[], byte[]> record : records) {
			this.reader.read(record, wanted).ifPresent(events::add);
			bytes += size(record);
		}
		int applied = this.shadow.apply(events, rules);
		this.progress.advance(id, records.count(), applied, records.count() - applied, bytes);
	}

	/** Reads up to the given end offsets, handing each poll's records on. */
	private static void drain(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end,
			Consumer<ConsumerRecords<byte[], byte[]>> handler) {
		int empty = 0;
		while (!reached(consumer, end)) {
			ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(1));
			if (records.isEmpty()) {
				if (++empty == MAX_EMPTY_POLLS) {
					throw new IllegalStateException("The history gave nothing for " + MAX_EMPTY_POLLS + " polls");
				}
				continue;
			}
			empty = 0;
			handler.accept(records);
		}
	}

	private static long size(ConsumerRecord<byte[], byte[]> record) {
		long size = Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
		for (Header header : record.headers()) {
			size += header.key().length() + ((header.value() != null) ? header.value().length : 0);
		}
		return size;
	}

	private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
		return end.entrySet().stream().allMatch((e) -> consumer.position(e.getKey()) >= e.getValue());
	}

	private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, AnalyticsProjection rules) {
		Set<String> topics = new TreeSet<>();
		for (Class<?> type : rules.eventClasses()) {
			topics.add(EventTypes.of(type.asSubclass(ShopEvent.class)).topic());
		}
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics) {
			for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
				partitions.add(new TopicPartition(topic, info.partition()));
			}
		}
		return partitions;
	}

	private KafkaConsumer<byte[], byte[]> consumer() {
		Map<String, Object> config = new HashMap<>(this.kafka.buildConsumerProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
		return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
