package com.eventshop.messaging.support;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The W3C {@code traceparent} of the current span, if tracing is on. The outbox stores it
 * with each event, so that the relay, which publishes later on its own thread, can hand
 * the trace on to the consumers.
 */
public final class TraceParent implements Supplier<@Nullable String> {

	private final ObjectProvider<Tracer> tracer;

	private final ObjectProvider<Propagator> propagator;

	public TraceParent(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	@Override
	public @Nullable String get() {
		Tracer currentTracer = this.tracer.getIfAvailable();
		Propagator currentPropagator = this.propagator.getIfAvailable();
		if (currentTracer == null || currentPropagator == null) {
			return null;
		}
		Span span = currentTracer.currentSpan();
		if (span == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		currentPropagator.inject(span.context(), carrier, Map::put);
		return carrier.get("traceparent");
	}

}
