package com.eventshop.messaging.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.events.ShopEvent;
import com.eventshop.messaging.support.EventJson;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox as rows of {@code messaging.outbox}, written through the transaction-bound
 * JDBC connection so that they commit or roll back with the caller's JPA or JDBC work.
 */
class JdbcOutbox implements Outbox {

	private final JdbcClient jdbc;

	private final EventJson json;

	private final String source;

	private final Clock clock;

	private final Runnable afterCommit;

	private final Supplier<@Nullable String> traceParent;

	JdbcOutbox(JdbcClient jdbc, EventJson json, String source, Clock clock, Runnable afterCommit,
			Supplier<@Nullable String> traceParent) {
		this.traceParent = traceParent;
		this.jdbc = jdbc;
		this.json = json;
		this.source = source;
		this.clock = clock;
		this.afterCommit = afterCommit;
	}

	@Override
	public UUID append(ShopEvent event, @Nullable UUID causationId) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Outbox.append needs an active transaction: the event must commit "
					+ "together with the change it describes");
		}
		EventType<?> type = EventTypes.of(event.getClass());
		UUID eventId = UUID.randomUUID();
		String orderId = event.orderId().toString();
		this.jdbc.sql("""
				insert into messaging.outbox (event_id, topic, record_key, event_type, source, subject,
				                              correlation_id, causation_id, traceparent, occurred_at, payload)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(eventId, type.topic(), orderId, type.name(), this.source, orderId, orderId,
					(causationId != null) ? causationId.toString() : null, this.traceParent.get(),
					Timestamp.from(Instant.now(this.clock)), this.json.write(event))
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				JdbcOutbox.this.afterCommit.run();
			}
		});
		return eventId;
	}

}
