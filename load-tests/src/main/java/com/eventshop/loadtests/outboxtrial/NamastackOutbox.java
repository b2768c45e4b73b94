package com.eventshop.loadtests.outboxtrial;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.eventshop.events.order.OrderPlaced;
import io.namastack.outbox.Outbox;
import io.namastack.outbox.handler.OutboxHandler;
import io.namastack.outbox.handler.OutboxRecordMetadata;
import io.namastack.outbox.partition.PartitionHasher;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Namastack Outbox on JDBC: records scheduled in a transaction are polled from
 * {@code outbox_record} by key partition and handed to a handler, here one that sends to
 * Kafka and returns once Kafka acknowledged (a failed send is a failed attempt, retried
 * by the library's policy).
 */
final class NamastackOutbox extends Candidate {

	NamastackOutbox() {
		super("namastack", new OutboxTable("outbox_record", "status <> 'COMPLETED'", "status = 'FAILED'", "created_at",
				"completed_at"));
	}

	@Override
	Class<?> configuration() {
		return Context.class;
	}

	@Override
	Map<String, Object> properties() {
		// Batch and poll interval set to our relay's (500 rows, 200 ms); the rest as
		// shipped.
		return Map.of("namastack.outbox.jdbc.schema-initialization.enabled", "true",
				"namastack.outbox.polling.batch-size", "500", "namastack.outbox.polling.fixed.interval", "200ms");
	}

	@Override
	void append(ApplicationContext context, OrderPlaced event) {
		context.getBean(Outbox.class).schedule(event, event.orderId().toString());
	}

	@Override
	void cloneBacklog(JdbcClient jdbc, int events, String topic) {
		// The partition of a record is computed from its key by the library: the copies
		// get
		// theirs from the library's own hash, inserted in batches.
		Map<String, Object> template = jdbc.sql("select * from outbox_record order by created_at desc limit 1")
			.query()
			.singleRow();
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < events; i++) {
			String key = UUID.randomUUID().toString();
			Timestamp now = Timestamp.from(Instant.now());
			rows.add(new Object[] { UUID.randomUUID().toString(), key, template.get("record_type"),
					template.get("payload"), template.get("context"), now, now,
					PartitionHasher.INSTANCE.getPartitionForRecordKey(key), template.get("handler_id") });
			if (rows.size() == 1000 || i == events - 1) {
				insert(jdbc, rows);
				rows.clear();
			}
		}
	}

	private static void insert(JdbcClient jdbc, List<Object[]> rows) {
		StringBuilder values = new StringBuilder();
		List<Object> params = new ArrayList<>();
		for (Object[] row : rows) {
			values.append((values.length() == 0) ? "" : ",")
				.append("(?, 'NEW', ?, ?, ?, ?, ?, null, 0, null, ?, ?, ?)");
			params.addAll(Arrays.asList(row));
		}
		jdbc.sql("""
				insert into outbox_record (id, status, record_key, record_type, payload, context, created_at,
				                           completed_at, failure_count, failure_reason, next_retry_at, partition_no,
				                           handler_id)
				values""" + " " + values).params(params).update();
	}

	@Configuration(proxyBeanMethods = false)
	@TrialAutoConfiguration.Namastack
	static class Context {

		@Bean
		OutboxHandler kafkaHandler(KafkaTemplate<Object, Object> kafka, Environment environment) {
			String topic = environment.getRequiredProperty("trial.topic");
			return new KafkaHandler(kafka, topic);
		}

	}

	/** Sends each record to Kafka under its key and waits for the acknowledgement. */
	static final class KafkaHandler implements OutboxHandler {

		private final KafkaTemplate<Object, Object> kafka;

		private final String topic;

		KafkaHandler(KafkaTemplate<Object, Object> kafka, String topic) {
			this.kafka = kafka;
			this.topic = topic;
		}

		@Override
		public void handle(Object payload, OutboxRecordMetadata metadata) {
			this.kafka.send(this.topic, metadata.getKey(), payload).join();
		}

	}

}
