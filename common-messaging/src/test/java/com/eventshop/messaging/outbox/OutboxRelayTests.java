package com.eventshop.messaging.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.eventshop.messaging.MessagingProperties.OutboxSettings;
import com.eventshop.messaging.support.MessagingSchema;
import com.eventshop.testsupport.KafkaBrokers;
import com.eventshop.testsupport.TcpProxy;
import com.eventshop.testsupport.TestDatabase;
import com.eventshop.testsupport.TestInfrastructure;
import com.eventshop.testsupport.TopicReader;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay against a real broker and a real database: a row Kafka can never take is
 * parked with its reason and its key's later rows wait behind it, while other keys
 * publish; a broker outage parks nothing and never leaves a transaction open while the
 * relay waits for Kafka.
 */
class OutboxRelayTests {

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private static final OutboxSettings SETTINGS = new OutboxSettings(true, Duration.ofMillis(100), 500,
			Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofDays(7), false, Duration.ofSeconds(60), 3,
			Duration.ofMillis(200));

	private final String topic = "outbox-relay-tests-" + UUID.randomUUID();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private HikariDataSource dataSource;

	private JdbcClient jdbc;

	private OutboxReading reading;

	private OutboxRelay relay;

	private String kafka;

	@BeforeEach
	void database() {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		this.kafka = infrastructure.kafkaBootstrapServers();
		TestDatabase database = infrastructure.newDatabase();
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(database.jdbcUrl());
		this.dataSource.setUsername(database.username());
		this.dataSource.setPassword(database.password());
		this.dataSource.setMaximumPoolSize(4);
		new MessagingSchema(this.dataSource);
		this.jdbc = JdbcClient.create(this.dataSource);
		this.reading = new OutboxReading(this.jdbc, SETTINGS.readingInterval(), Clock.systemUTC());
		this.reading.start();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka))) {
			admin.createTopics(List.of(new NewTopic(this.topic, 3, (short) 1))).all().get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterEach
	void stop() {
		if (this.relay != null) {
			this.relay.stop();
		}
		this.reading.stop();
		this.dataSource.close();
	}

	@Test
	void aRecordTooLargeForKafkaIsParkedWithItsReasonAndItsKeyWaitsBehindIt() {
		long first = insert("a", 100);
		long tooLarge = insert("a", 2 * 1024 * 1024);
		long behind = insert("a", 100);
		long otherKey = insert("b", 100);
		long thirdKey = insert("c", 100);
		startRelay(this.kafka);

		await().atMost(PATIENCE).until(() -> parkedAt(tooLarge) != null);
		assertThat(this.jdbc.sql("select attempts, park_reason from messaging.outbox where id = ?")
			.param(tooLarge)
			.query((rs, n) -> rs.getInt(1) + " " + rs.getString(2))
			.single()).startsWith("3 RecordTooLargeException");
		await().atMost(PATIENCE).until(() -> published(first) && published(otherKey) && published(thirdKey));
		assertThat(parkedAt(behind)).isNotNull();
		assertThat(reason(behind)).isEqualTo("waits behind parked outbox row " + tooLarge + " of the same key");
		assertThat(published(behind)).isFalse();

		// A row of the parked key written later waits too; other keys go on.
		long later = insert("a", 100);
		long fourthKey = insert("d", 100);
		this.relay.wakeUp();
		await().atMost(PATIENCE).until(() -> published(fourthKey));
		await().atMost(PATIENCE).until(() -> parkedAt(later) != null);

		try (TopicReader reader = new TopicReader(this.kafka, this.topic)) {
			List<ConsumerRecord<String, byte[]>> records = reader.awaitRecords(PATIENCE, (r) -> r.size() >= 4);
			assertThat(keys(records)).containsExactlyInAnyOrder("a", "b", "c", "d");
			assertThat(reader.withKey("a")).hasSize(1);
		}
		await().atMost(PATIENCE).until(() -> gauge("eventshop.outbox.parked") == 3.0);
		ParkedOutboxController.ParkedOutboxPage page = new ParkedOutboxController(this.jdbc).parked(0, 50);
		assertThat(page.total()).isEqualTo(3);
		assertThat(page.rows()).extracting(ParkedOutboxController.ParkedOutboxRow::id)
			.containsExactly(tooLarge, behind, later);
		assertThat(page.rows().getFirst().parkReason()).startsWith("RecordTooLargeException");
		assertThat(page.rows().getFirst().payloadBytes()).isEqualTo(2 * 1024 * 1024);
	}

	@Test
	void duringABrokerOutageNoTransactionStaysOpenAndNothingIsParked() {
		int unreachable = KafkaBrokers.freePort();
		for (int i = 0; i < 20; i++) {
			insert("order-" + (i % 5), 100);
		}
		startRelay("127.0.0.1:" + unreachable);
		AtomicInteger samplesWhileRelayHeldItsLock = new AtomicInteger();
		AtomicInteger openTransactions = new AtomicInteger();
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
			if (relayHoldsItsLock()) {
				samplesWhileRelayHeldItsLock.incrementAndGet();
			}
			openTransactions.addAndGet(idleInTransaction());
			return samplesWhileRelayHeldItsLock.get() >= 20
					&& this.meters.counter("eventshop.outbox.relay.failures").count() >= 3;
		});
		assertThat(openTransactions).as("sessions idle in a transaction while Kafka was down").hasValue(0);
		assertThat(count("parked_at is not null or attempts > 0")).isZero();
		assertThat(count("published_at is null")).isEqualTo(20);
		await().atMost(PATIENCE)
			.until(() -> this.reading.current() != null
					&& this.reading.current().oldestUnpublishedAge().compareTo(Duration.ZERO) > 0);

		TcpProxy kafkaComesBack = TcpProxy.start(unreachable, this.kafka);
		try {
			await().atMost(PATIENCE).until(() -> count("published_at is null") == 0);
		}
		finally {
			kafkaComesBack.close();
		}
		assertThat(count("parked_at is not null")).isZero();
	}

	private void startRelay(String bootstrapServers) {
		KafkaProperties kafkaProperties = new KafkaProperties();
		kafkaProperties.setBootstrapServers(List.of(bootstrapServers));
		Map<String, Object> config = OutboxConfiguration.producerConfig(kafkaProperties, SETTINGS);
		this.relay = new OutboxRelay(this.dataSource,
				() -> new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()), SETTINGS,
				new OutboxMetrics(this.meters, this.reading, Clock.systemUTC()));
		this.relay.start();
	}

	private long insert(String key, int payloadBytes) {
		byte[] payload = new byte[payloadBytes];
		Arrays.fill(payload, (byte) 'x');
		return this.jdbc.sql("""
				insert into messaging.outbox (event_id, topic, record_key, event_type, source, subject, occurred_at,
				                              payload)
				values (?, ?, ?, 'test.event.v1', '/tests', ?, ?, ?) returning id""")
			.params(UUID.randomUUID(), this.topic, key, key, Timestamp.from(Instant.now()), payload)
			.query(Long.class)
			.single();
	}

	private Object parkedAt(long id) {
		return this.jdbc.sql("select parked_at from messaging.outbox where id = ?")
			.param(id)
			.query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)))
			.single()
			.orElse(null);
	}

	private String reason(long id) {
		return this.jdbc.sql("select park_reason from messaging.outbox where id = ?")
			.param(id)
			.query(String.class)
			.single();
	}

	private boolean published(long id) {
		return this.jdbc.sql("select published_at is not null from messaging.outbox where id = ?")
			.param(id)
			.query(Boolean.class)
			.single();
	}

	private long count(String condition) {
		return this.jdbc.sql("select count(*) from messaging.outbox where " + condition).query(Long.class).single();
	}

	private boolean relayHoldsItsLock() {
		return this.jdbc.sql("""
				select exists (select 1 from pg_locks l join pg_stat_activity a on a.pid = l.pid
				               where l.locktype = 'advisory' and l.granted and a.datname = current_database())""")
			.query(Boolean.class)
			.single();
	}

	private int idleInTransaction() {
		return this.jdbc.sql("""
				select count(*) from pg_stat_activity
				where datname = current_database() and state like 'idle in transaction%'""")
			.query(Integer.class)
			.single();
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	private static Set<String> keys(List<ConsumerRecord<String, byte[]>> records) {
		return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
	}

}
