package com.eventshop.loadtests.outboxtrial;

import java.util.Map;

import com.eventshop.events.order.OrderPlaced;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.RoutingTarget;

/**
 * Spring Modulith's event publication registry on JDBC with its Kafka externalization: an
 * event published in a transaction is registered in {@code event_publication} and sent to
 * Kafka after the commit; the publication is completed when Kafka acknowledges.
 */
final class ModulithRegistry extends Candidate {

	ModulithRegistry() {
		super("modulith", new OutboxTable("event_publication", "completion_date is null", "status = 'FAILED'",
				"publication_date", "completion_date"));
	}

	@Override
	Class<?> configuration() {
		return Context.class;
	}

	@Override
	Map<String, Object> properties() {
		return Map.of("spring.modulith.events.jdbc.schema-initialization.enabled", "true");
	}

	@Override
	void append(ApplicationContext context, OrderPlaced event) {
		context.publishEvent(event);
	}

	@Override
	void cloneBacklog(JdbcClient jdbc, int events, String topic) {
		// The key is the order id inside the serialized event: each copy gets its own.
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
				                               completion_date, status, completion_attempts, last_resubmission_date)
				select gen_random_uuid(), t.listener_id, t.event_type,
				       replace(t.serialized_event, t.serialized_event::json ->> 'orderId', gen_random_uuid()::text),
				       now(), null, case when t.status is null then null else 'PUBLISHED' end,
				       case when t.completion_attempts is null then null else 0 end, null
				from (select * from event_publication order by publication_date desc limit 1) t,
				     generate_series(1, ?)""").params(events).update();
	}

	/**
	 * Resubmits the backlog on a thread of its own: the call returns only when every
	 * publication was handed on, one by one, and the drain's timeout must still apply.
	 */
	@Override
	void startPublishing(ApplicationContext context) {
		Thread.ofPlatform().daemon().name("trial-resubmission").start(() -> {
			try {
				resubmit(context);
			}
			catch (RuntimeException ex) {
				// the drain's time was up and its context closed under it
			}
		});
	}

	@Override
	boolean needsResubmission() {
		return true;
	}

	@Override
	void resubmit(ApplicationContext context) {
		context.getBean(IncompleteEventPublications.class).resubmitIncompletePublications((publication) -> true);
	}

	@Configuration(proxyBeanMethods = false)
	@TrialAutoConfiguration.Modulith
	static class Context {

		@Bean
		EventExternalizationConfiguration externalization(Environment environment) {
			String topic = environment.getRequiredProperty("trial.topic");
			return EventExternalizationConfiguration.externalizing()
				.select((event) -> event instanceof OrderPlaced)
				.route(OrderPlaced.class, (event) -> RoutingTarget.forTarget(topic).andKey(event.orderId().toString()))
				.build();
		}

	}

}
