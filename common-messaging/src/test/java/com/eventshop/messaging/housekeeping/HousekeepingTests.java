package com.eventshop.messaging.housekeeping;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.eventshop.messaging.MessagingProperties;
import com.eventshop.messaging.MessagingProperties.HousekeepingSettings;
import com.eventshop.messaging.support.MessagingSchema;
import com.eventshop.testsupport.TestDatabase;
import com.eventshop.testsupport.TestInfrastructure;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Housekeeping against a real database: each table loses exactly the rows past its own
 * retention, in batches, and nothing while another instance holds the lock.
 */
class HousekeepingTests {

	private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

	private static final HousekeepingSettings SETTINGS = new HousekeepingSettings(true, Duration.ofHours(1), 2);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private HikariDataSource dataSource;

	private JdbcClient jdbc;

	private Housekeeping housekeeping;

	@BeforeEach
	void database() {
		TestDatabase database = TestInfrastructure.get().newDatabase();
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(database.jdbcUrl());
		this.dataSource.setUsername(database.username());
		this.dataSource.setPassword(database.password());
		this.dataSource.setMaximumPoolSize(3);
		new MessagingSchema(this.dataSource);
		this.jdbc = JdbcClient.create(this.dataSource);
		this.jdbc.sql("create table claim (id int primary key, expires_at timestamptz not null)").update();
		this.housekeeping = new Housekeeping(this.dataSource,
				List.of(new Retention("inbox", "messaging.inbox", "handled_at", Duration.ofDays(21)),
						new Retention("outbox", "messaging.outbox", "published_at", Duration.ofDays(7)),
						new Retention("claim", "claim", "expires_at", Duration.ZERO)),
				SETTINGS, this.meters, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@AfterEach
	void close() {
		this.dataSource.close();
	}

	@Test
	void eachTableLosesTheRowsPastItsRetentionAndKeepsTheRest() {
		for (int i = 0; i < 5; i++) {
			inbox("old-" + i, NOW.minus(Duration.ofDays(22)));
		}
		inbox("new", NOW.minus(Duration.ofDays(20)));
		outbox("published-long-ago", NOW.minus(Duration.ofDays(8)), NOW.minus(Duration.ofDays(8)));
		outbox("published-lately", NOW.minus(Duration.ofDays(8)), NOW.minus(Duration.ofDays(6)));
		outbox("never-published", NOW.minus(Duration.ofDays(30)), null);
		claim(1, NOW.minusSeconds(1));
		claim(2, NOW.plus(Duration.ofHours(1)));

		Map<String, Integer> purged = this.housekeeping.purge();

		assertThat(purged).containsExactly(Map.entry("inbox", 5), Map.entry("outbox", 1), Map.entry("claim", 1));
		assertThat(this.jdbc.sql("select consumer from messaging.inbox").query(String.class).list())
			.containsExactly("new");
		assertThat(this.jdbc.sql("select subject from messaging.outbox order by id").query(String.class).list())
			.containsExactly("published-lately", "never-published");
		assertThat(this.jdbc.sql("select id from claim").query(Integer.class).list()).containsExactly(2);
		assertThat(purgedCount("inbox")).isEqualTo(5);
		assertThat(purgedCount("outbox")).isEqualTo(1);
		assertThat(purgedCount("claim")).isEqualTo(1);

		// A second run finds nothing more to delete.
		assertThat(this.housekeeping.purge()).containsOnly(Map.entry("inbox", 0), Map.entry("outbox", 0),
				Map.entry("claim", 0));
		assertThat(purgedCount("inbox")).isEqualTo(5);
	}

	@Test
	void nothingIsPurgedWhileAnotherInstanceHoldsTheLock() throws Exception {
		inbox("old", NOW.minus(Duration.ofDays(22)));
		try (Connection other = this.dataSource.getConnection()) {
			JdbcClient otherInstance = JdbcClient.create(new SingleConnectionDataSource(other, true));
			assertThat(otherInstance.sql("select pg_try_advisory_lock(hashtextextended(?, 0))")
				.param(Housekeeping.LOCK_NAME)
				.query(Boolean.class)
				.single()).isTrue();

			assertThat(this.housekeeping.purge()).isEmpty();
			assertThat(this.jdbc.sql("select count(*) from messaging.inbox").query(Integer.class).single())
				.isEqualTo(1);

			otherInstance.sql("select pg_advisory_unlock(hashtextextended(?, 0))")
				.param(Housekeeping.LOCK_NAME)
				.query(Boolean.class)
				.single();
		}
		assertThat(this.housekeeping.purge()).containsEntry("inbox", 1);
		assertThat(this.jdbc.sql("select count(*) from messaging.inbox").query(Integer.class).single()).isZero();
	}

	@Test
	void publishedOutboxRowsAreKeptWhenTheyAreTheEventHistory() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withUserConfiguration(Properties.class, HousekeepingConfiguration.class)
			.withBean(DataSource.class, () -> this.dataSource)
			.withPropertyValues("eventshop.messaging.housekeeping.enabled=false",
					"eventshop.messaging.consumer.inbox-retention=30d", "eventshop.messaging.outbox.retention=3d");
		runner.run((context) -> assertThat(context.getBeansOfType(Retention.class).values()).containsExactlyInAnyOrder(
				new Retention("inbox", "messaging.inbox", "handled_at", Duration.ofDays(30)),
				new Retention("outbox", "messaging.outbox", "published_at", Duration.ofDays(3))));
		runner.withPropertyValues("eventshop.messaging.outbox.keep-published=true")
			.run((context) -> assertThat(context.getBeansOfType(Retention.class).values())
				.containsExactly(new Retention("inbox", "messaging.inbox", "handled_at", Duration.ofDays(30))));
	}

	private double purgedCount(String table) {
		return this.meters.get("eventshop.housekeeping.purged").tag("table", table).counter().count();
	}

	private void inbox(String consumer, Instant handledAt) {
		this.jdbc.sql("""
				insert into messaging.inbox (consumer, event_id, event_type, topic, partition, kafka_offset, handled_at)
				values (?, ?, 'test', 'test', 0, 0, ?)""")
			.params(consumer, UUID.randomUUID(), Timestamp.from(handledAt))
			.update();
	}

	private void outbox(String subject, Instant createdAt, Instant publishedAt) {
		this.jdbc.sql("""
				insert into messaging.outbox (event_id, topic, record_key, event_type, source, subject, occurred_at,
				                              created_at, payload, published_at)
				values (?, 'test', 'key', 'test', '/test', ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), subject, Timestamp.from(createdAt), Timestamp.from(createdAt), new byte[] { 1 },
					(publishedAt != null) ? Timestamp.from(publishedAt) : null)
			.update();
	}

	private void claim(int id, Instant expiresAt) {
		this.jdbc.sql("insert into claim (id, expires_at) values (?, ?)")
			.params(id, Timestamp.from(expiresAt))
			.update();
	}

	@EnableConfigurationProperties(MessagingProperties.class)
	static class Properties {

	}

}
