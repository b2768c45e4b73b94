package com.eventshop.messaging.outbox;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The relay's publish of a row as a span of its own ({@code <topic> publish}, a producer
 * span), a child of the span that stored the row (its {@code traceparent}), from the send
 * until Kafka answers. The record then carries the publish span's {@code traceparent}, so
 * the consumers' handling hangs below the publish, and the publish below the request or
 * handling that appended the event: the relay's time is visible in the order's trace.
 */
final class PublishSpans {

	private static final Publication UNTRACED = new Publication(null, null);

	private final ObjectProvider<Tracer> tracer;

	private final ObjectProvider<Propagator> propagator;

	PublishSpans(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** Spans of none: the stored {@code traceparent} goes on as it is. */
	static PublishSpans untraced() {
		return new PublishSpans(new StaticListableBeanFactory().getBeanProvider(Tracer.class),
				new StaticListableBeanFactory().getBeanProvider(Propagator.class));
	}

	/** Starts the publish span of a row, when the row was stored in a trace. */
	Publication start(OutboxRow row) {
		String stored = row.traceparent();
		Propagator currentPropagator = this.propagator.getIfAvailable();
		if (stored == null || currentPropagator == null || this.tracer.getIfAvailable() == null) {
			return (stored == null) ? UNTRACED : new Publication(null, stored);
		}
		Span span = currentPropagator.extract(Map.of("traceparent", stored), Map::get)
			.name(row.topic() + " publish")
			.kind(Span.Kind.PRODUCER)
			.tag("messaging.destination.name", row.topic())
			.tag("eventshop.event.type", row.eventType())
			.start();
		Map<String, String> carrier = new HashMap<>();
		currentPropagator.inject(span.context(), carrier, Map::put);
		return new Publication(span, carrier.getOrDefault("traceparent", stored));
	}

	/**
	 * One row's publish: the {@code traceparent} its record carries, and the callback of
	 * its send, which ends the span when Kafka has answered.
	 *
	 * @param span the publish span, null when untraced
	 * @param traceparent the record's {@code traceparent} header, null when untraced
	 */
	record Publication(@Nullable Span span, @Nullable String traceparent) implements Callback {

		@Override
		public void onCompletion(@Nullable RecordMetadata metadata, @Nullable Exception failure) {
			Span current = this.span;
			if (current == null) {
				return;
			}
			if (failure != null) {
				current.error(failure);
			}
			current.end();
		}

	}

}
