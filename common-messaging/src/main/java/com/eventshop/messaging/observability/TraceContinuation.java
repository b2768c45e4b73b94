package com.eventshop.messaging.observability;

import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

import com.eventshop.messaging.support.TraceParent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Keeps a trace going across work that a service stores and does later on another thread
 * (a timer, a background worker): store {@link #current()} with the work, and run the
 * work through {@link #resume} with it, so that what it publishes stays in the trace of
 * the event that caused it. The outbox does the same for every event it stores.
 */
public final class TraceContinuation {

	private final ObjectProvider<Tracer> tracer;

	private final ObjectProvider<Propagator> propagator;

	private final TraceParent traceParent;

	public TraceContinuation(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.traceParent = new TraceParent(tracer, propagator);
	}

	/** One that never traces: for code that runs without a tracer, such as tests. */
	public static TraceContinuation untraced() {
		return new TraceContinuation(new StaticListableBeanFactory().getBeanProvider(Tracer.class),
				new StaticListableBeanFactory().getBeanProvider(Propagator.class));
	}

	/** The W3C {@code traceparent} of the current span, or null without one. */
	public @Nullable String current() {
		return this.traceParent.get();
	}

	/**
	 * Runs {@code work} in a new span named {@code name}, a child of the span that
	 * {@code traceparent} names; without one (or without tracing), just runs it.
	 */
	@SuppressWarnings("try") // the scope only has to be open while the work runs
	public <T> T resume(@Nullable String traceparent, String name, Supplier<T> work) {
		Tracer currentTracer = this.tracer.getIfAvailable();
		Propagator currentPropagator = this.propagator.getIfAvailable();
		if (traceparent == null || currentTracer == null || currentPropagator == null) {
			return work.get();
		}
		Span span = currentPropagator.extract(Map.of("traceparent", traceparent), Map::get).name(name).start();
		try (Tracer.SpanInScope scope = currentTracer.withSpan(span)) {
			return work.get();
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

}
