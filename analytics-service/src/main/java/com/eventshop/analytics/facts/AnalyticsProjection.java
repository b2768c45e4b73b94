package com.eventshop.analytics.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.eventshop.events.ShopEvent;
import com.eventshop.events.order.OrderCancelled;
import com.eventshop.events.order.OrderConfirmed;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.events.order.OrderRejected;
import com.eventshop.events.order.OrderShipped;
import com.eventshop.messaging.consumer.EventConsumer;

import org.springframework.stereotype.Component;

/**
 * The projection's rules: which event changes which tables, and how. The live consumer
 * group and a rebuild from the history run the same rules, so a rebuilt projection is the
 * live one computed again (or, after a rule changed, what the live one would have been).
 * The handlers write unqualified table names, so they write whichever tables the
 * transaction's {@code search_path} finds first.
 */
@Component
public class AnalyticsProjection {

	/** The tables the rules write, each one's parents before it. */
	public static final List<String> TABLES = List.of("order_fact", "order_fact_line", "order_outcome");

	private final Map<Class<?>, Rule<?>> rules = new LinkedHashMap<>();

	AnalyticsProjection(OrderFacts facts, OrderOutcomes outcomes) {
		rule(OrderPlaced.class, facts::on);
		rule(OrderConfirmed.class, outcomes::on);
		rule(OrderRejected.class, outcomes::on);
		rule(OrderShipped.class, outcomes::on);
		rule(OrderCancelled.class, outcomes::on);
	}

	private <T extends ShopEvent> void rule(Class<T> type, Consumer<T> handler) {
		this.rules.put(type, new Rule<>(type, handler));
	}

	/** Adds every rule to a consumer group's handlers. */
	EventConsumer.Builder register(EventConsumer.Builder builder) {
		this.rules.values().forEach((rule) -> rule.register(builder));
		return builder;
	}

	/** The event classes the rules read. */
	public Set<Class<?>> eventClasses() {
		return this.rules.keySet();
	}

	/**
	 * Applies an event in the caller's transaction; an event no rule reads changes
	 * nothing.
	 */
	public void apply(ShopEvent event) {
		Rule<?> rule = this.rules.get(event.getClass());
		if (rule != null) {
			rule.apply(event);
		}
	}

	private record Rule<T extends ShopEvent>(Class<T> type, Consumer<T> handler) {

		void register(EventConsumer.Builder builder) {
			builder.on(this.type, this.handler);
		}

		void apply(ShopEvent event) {
			this.handler.accept(this.type.cast(event));
		}

	}

}
