package com.eventshop.messaging.consumer;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records an event that a handler's state machine defines as unexpected in the state it
 * found (for example a rejection for an order that is already confirmed). Called from the
 * handler, so the record commits with the inbox row: the event counts as handled and is
 * never retried or dead-lettered, yet it is visible in
 * {@code messaging.unexpected_event}, in the metric {@code eventshop.consumer.unexpected}
 * and in a log line that names the event id.
 */
public class UnexpectedEvents {

	private static final Logger logger = LoggerFactory.getLogger(UnexpectedEvents.class);

	private final JdbcClient jdbc;

	private final MeterRegistry meters;

	public UnexpectedEvents(JdbcClient jdbc, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.meters = meters;
	}

	/**
	 * @param context the event
	 * @param subject what the event is about, usually the order id
	 * @param state the state it found
	 * @param note why it is unexpected, for the operator
	 */
	public void record(EventContext context, @Nullable String subject, String state, String note) {
		this.jdbc.sql("""
				insert into messaging.unexpected_event (consumer, event_id, event_type, subject, state, note)
				values (?, ?, ?, ?, ?, ?)""")
			.params(context.group(), context.eventId(), context.type(), subject, state, note)
			.update();
		Counter.builder("eventshop.consumer.unexpected")
			.description("Events that arrived in a state that does not expect them")
			.tag("group", context.group())
			.tag("type", context.type())
			.tag("state", state)
			.register(this.meters)
			.increment();
		logger.warn("{} got unexpected {} (event {}) for {} in state {}: {}", context.group(), context.type(),
				context.eventId(), subject, state, note);
	}

	/** The latest records, newest first. */
	public List<Map<String, Object>> latest(int limit) {
		return this.jdbc.sql("""
				select consumer, event_id, event_type, subject, state, note, recorded_at
				from messaging.unexpected_event order by id desc limit ?""").param(limit).query().listOfRows();
	}

}
