package com.eventshop.messaging.observability;

import java.nio.charset.StandardCharsets;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import com.eventshop.events.CloudEventHeaders;

import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * Puts the event id and the order id (the CloudEvents subject) of the record being
 * handled into the logging context, for as long as its handler's observation is open:
 * every line a handler writes names them, beside the trace and span ids that tracing puts
 * there. The consumer's dispatcher opens that observation around each handler, so this is
 * the one place where an event's ids enter the logs.
 */
final class EventLogContext implements ObservationHandler<KafkaRecordReceiverContext> {

	static final String EVENT_ID = "eventId";

	static final String ORDER_ID = "orderId";

	static final String EVENT_TYPE = "eventType";

	@Override
	public void onScopeOpened(KafkaRecordReceiverContext context) {
		Headers headers = context.getRecord().headers();
		put(EVENT_ID, header(headers, CloudEventHeaders.ID));
		put(ORDER_ID, header(headers, CloudEventHeaders.SUBJECT));
		put(EVENT_TYPE, header(headers, CloudEventHeaders.TYPE));
	}

	@Override
	public void onScopeClosed(KafkaRecordReceiverContext context) {
		MDC.remove(EVENT_ID);
		MDC.remove(ORDER_ID);
		MDC.remove(EVENT_TYPE);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof KafkaRecordReceiverContext;
	}

	private static void put(String key, @Nullable String value) {
		if (value != null) {
			MDC.put(key, value);
		}
	}

	private static @Nullable String header(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
