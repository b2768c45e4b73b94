package com.eventshop.loadtests.outboxtrial;

import java.util.Map;

import com.eventshop.events.Topics;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.messaging.outbox.Outbox;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Our outbox: {@code common-messaging}'s {@code JdbcOutbox} and {@code OutboxRelay},
 * auto-configured as in every service.
 */
final class OurOutbox extends Candidate {

	OurOutbox() {
		super("ours", new OutboxTable("messaging.outbox", "published_at is null and parked_at is null",
				"parked_at is not null", "occurred_at", "published_at"));
	}

	@Override
	Class<?> configuration() {
		return Context.class;
	}

	@Override
	Map<String, Object> properties() {
		return Map.of("spring.application.name", "outbox-trial", "eventshop.messaging.publishes", Topics.ORDERS,
				"eventshop.messaging.housekeeping.enabled", "false");
	}

	@Override
	void append(ApplicationContext context, OrderPlaced event) {
		context.getBean(Outbox.class).append(event, null);
	}

	@Override
	void cloneBacklog(JdbcClient jdbc, int events, String topic) {
		jdbc.sql("""
				insert into messaging.outbox (event_id, topic, record_key, event_type, source, subject, correlation_id,
				                              occurred_at, payload)
				select gen_random_uuid(), ?, k, t.event_type, t.source, k, k, now(), t.payload
				from (select * from messaging.outbox order by id desc limit 1) t,
				     (select gen_random_uuid()::text as k from generate_series(1, ?)) as keys""")
			.params(topic, events)
			.update();
	}

	@Override
	String outageTopic(String suggested) {
		// the relay sends each event to its type's topic
		return Topics.ORDERS;
	}

	@Configuration(proxyBeanMethods = false)
	@TrialAutoConfiguration.Ours
	static class Context {

	}

}
