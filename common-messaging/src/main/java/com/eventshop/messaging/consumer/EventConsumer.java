package com.eventshop.messaging.consumer;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import com.eventshop.events.ConsumerGroups;
import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.events.ShopEvent;
import com.eventshop.events.Topics;
import org.jspecify.annotations.Nullable;

/**
 * A consumer group and the handlers it runs. Declare one as a bean and the messaging
 * auto-configuration creates its listener container, its dead-letter and replay topics,
 * and its inbox entries:
 *
 * <pre class="code">
 * &#64;Bean
 * EventConsumer inventoryConsumer(Reservations reservations) {
 *     return EventConsumer.group("inventory").on(OrderPlaced.class, reservations::reserve).build();
 * }
 * </pre>
 *
 * Known types without a handler are skipped (tolerant reader); types and versions that
 * {@link EventTypes} does not know are dead-lettered.
 */
public final class EventConsumer {

	private final String group;

	private final Map<String, Registration<?>> handlers;

	private final List<String> topics;

	private final @Nullable BatchPreparation preparation;

	private EventConsumer(String group, Map<String, Registration<?>> handlers, @Nullable BatchPreparation preparation) {
		this.group = group;
		this.handlers = Map.copyOf(handlers);
		this.preparation = preparation;
		Set<String> topics = new LinkedHashSet<>();
		handlers.values().forEach((registration) -> topics.add(registration.type().topic()));
		this.topics = List.copyOf(topics);
	}

	public static Builder group(String group) {
		return new Builder(group);
	}

	/** The consumer group id; also the name under which the inbox records its events. */
	public String group() {
		return this.group;
	}

	/**
	 * What runs first in each batch's transaction, if anything (see
	 * {@link Builder#beforeEachBatch(BatchPreparation)}).
	 */
	public Optional<BatchPreparation> preparation() {
		return Optional.ofNullable(this.preparation);
	}

	/** The topics this group reads, derived from the types it handles. */
	public List<String> topics() {
		return this.topics;
	}

	/** The topic that carries replays of dead-lettered records to this group alone. */
	public String retryTopic(String topic) {
		return topic + "." + this.group + ".retry";
	}

	/** This group's dead-letter topic for a topic it reads. */
	public String deadLetterTopic(String topic) {
		return Topics.deadLetter(topic, this.group);
	}

	/**
	 * The topic a record really came from: a replay's retry topic maps back to its
	 * source.
	 */
	public String sourceTopic(String topic) {
		String suffix = "." + this.group + ".retry";
		return topic.endsWith(suffix) ? topic.substring(0, topic.length() - suffix.length()) : topic;
	}

	Optional<Registration<?>> handler(String typeName) {
		return Optional.ofNullable(this.handlers.get(typeName));
	}

	/**
	 * A handler for one event type.
	 *
	 * @param <T> the event record
	 * @param type the event type
	 * @param handler what to do with it
	 */
	record Registration<T extends ShopEvent>(EventType<T> type, EventHandler<T> handler) {

		void handle(Object event, EventContext context) {
			this.handler.handle(this.type.javaType().cast(event), context);
		}

	}

	/**
	 * Builds an {@link EventConsumer}.
	 */
	public static final class Builder {

		private final String group;

		private final Map<String, Registration<?>> handlers = new LinkedHashMap<>();

		private @Nullable BatchPreparation preparation;

		private Builder(String group) {
			if (!group.matches("[a-z][a-z0-9-]*")) {
				throw new IllegalArgumentException("Group names are lower-case words: " + group);
			}
			this.group = group;
		}

		public <T extends ShopEvent> Builder on(Class<T> eventClass, EventHandler<T> handler) {
			EventType<T> type = EventTypes.of(eventClass);
			if (this.handlers.putIfAbsent(type.name(), new Registration<>(type, handler)) != null) {
				throw new IllegalArgumentException("Two handlers for " + type.name() + " in group " + this.group);
			}
			return this;
		}

		public <T extends ShopEvent> Builder on(Class<T> eventClass, Consumer<T> handler) {
			return on(eventClass, (EventHandler<T>) (event, context) -> handler.accept(event));
		}

		/**
		 * Runs {@code preparation} first in each batch's transaction. For handlers that
		 * update a few hot rows, such as stock per SKU: the preparation locks every row
		 * the batch will touch in one fixed order, so batches over the same rows wait for
		 * each other and batches over other rows run side by side, on every listener
		 * thread and every instance.
		 */
		public Builder beforeEachBatch(BatchPreparation preparation) {
			this.preparation = preparation;
			return this;
		}

		/**
		 * @throws IllegalStateException when the group handles no type, or is one of the
		 * system's groups and its handlers differ from what {@link ConsumerGroups} (and
		 * so the AsyncAPI document) says it reads
		 */
		public EventConsumer build() {
			if (this.handlers.isEmpty()) {
				throw new IllegalStateException("Group " + this.group + " handles no event type");
			}
			ConsumerGroups.byName(this.group).ifPresent((declared) -> {
				Set<String> documented = new TreeSet<>();
				declared.types().forEach((type) -> documented.add(type.name()));
				Set<String> handled = new TreeSet<>(this.handlers.keySet());
				if (!documented.equals(handled)) {
					throw new IllegalStateException(
							"Group " + this.group + " handles " + handled + " but ConsumerGroups declares " + documented
									+ "; update ConsumerGroups in common-events and regenerate docs/asyncapi.yaml");
				}
			});
			return new EventConsumer(this.group, this.handlers, this.preparation);
		}

	}

}
