package com.eventshop.messaging.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.events.ShopEvent;
import com.eventshop.messaging.consumer.PoisonEventException.Reason;
import com.eventshop.messaging.support.EventJson;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a record into an event for one consumer: checks the CloudEvents headers, finds
 * the consumer's handler by {@code ce_type} (skipping known types it does not handle,
 * dead-lettering unknown types and versions), parses and (optionally) validates the data
 * against the type's JSON Schema, and checks that the record's key and {@code ce_subject}
 * name the order the data is about. Every way a record can be unusable ends in a
 * {@link PoisonEventException}.
 * <p>
 * A record whose key disagrees with its order id sits on another order's partition, so
 * its events could overtake each other; one whose subject disagrees was addressed to
 * another order. Neither can be repaired by a retry.
 */
final class EventReader {

	private final EventJson json;

	private final boolean validate;

	private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private final Map<String, Schema> schemaCache = new ConcurrentHashMap<>();

	EventReader(EventJson json, boolean validate) {
		this.json = json;
		this.validate = validate;
	}

	/**
	 * @return the event and its handler, or empty when the consumer does not handle its
	 * type
	 */
	Optional<Incoming> read(EventConsumer consumer, ConsumerRecord<byte[], byte[]> record) {
		String type = header(record, CloudEventHeaders.TYPE);
		if (type == null || type.isBlank()) {
			throw new PoisonEventException(Reason.MISSING_HEADER, "no " + CloudEventHeaders.TYPE + " header");
		}
		requireAttributes(record);
		Optional<EventConsumer.Registration<?>> registration = consumer.handler(type);
		if (registration.isEmpty()) {
			requireKnownType(consumer, type);
			return Optional.empty();
		}
		UUID eventId = eventId(record);
		EventType<?> eventType = registration.get().type();
		JsonNode data = parse(record.value());
		if (this.validate) {
			List<Error> errors = schema(eventType).validate(data);
			if (!errors.isEmpty()) {
				throw new PoisonEventException(Reason.INVALID, type + " breaks its schema: " + errors.getFirst());
			}
		}
		Object event;
		try {
			event = this.json.mapper().treeToValue(data, eventType.javaType());
		}
		catch (JacksonException ex) {
			throw new PoisonEventException(Reason.UNREADABLE, "data is not a " + type + ": " + ex.getOriginalMessage(),
					ex);
		}
		requireSameOrder(record, ((ShopEvent) event).orderId());
		String sourceTopic = consumer.sourceTopic(record.topic());
		EventContext context = new EventContext(eventId, type, header(record, CloudEventHeaders.SOURCE), time(record),
				header(record, CloudEventHeaders.CORRELATION_ID), sourceTopic, record.partition(), record.offset(),
				consumer.group());
		return Optional.of(new Incoming(registration.get(), event, context));
	}

	/**
	 * The attributes CloudEvents 1.0 requires besides {@code ce_type}, checked for every
	 * record, even one this consumer would skip: a producer that leaves them out is
	 * broken, and its records are parked where an operator sees them.
	 */
	private static void requireAttributes(ConsumerRecord<byte[], byte[]> record) {
		String specVersion = header(record, CloudEventHeaders.SPEC_VERSION);
		if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
			throw new PoisonEventException(Reason.MISSING_HEADER,
					(specVersion == null) ? "no " + CloudEventHeaders.SPEC_VERSION + " header"
							: CloudEventHeaders.SPEC_VERSION + " " + specVersion + " is not "
									+ CloudEventHeaders.SPEC_VERSION_VALUE);
		}
		String source = header(record, CloudEventHeaders.SOURCE);
		if (source == null || source.isBlank()) {
			throw new PoisonEventException(Reason.MISSING_HEADER, "no " + CloudEventHeaders.SOURCE + " header");
		}
		eventId(record);
	}

	/**
	 * A type this build knows but the group does not handle is skipped (tolerant reader,
	 * and how a v1 consumer lets a v2 published beside v1 pass). One the build does not
	 * know at all was written by a newer producer or a broken one: it is parked, to be
	 * replayed once this consumer has been upgraded, rather than skipped unseen.
	 */
	private static void requireKnownType(EventConsumer consumer, String type) {
		if (EventTypes.byName(type).isPresent()) {
			return;
		}
		String base = baseName(type);
		boolean knownBase = !base.equals(type)
				&& EventTypes.all().stream().anyMatch((known) -> baseName(known.name()).equals(base));
		if (knownBase) {
			throw new PoisonEventException(Reason.UNKNOWN_VERSION,
					type + " is a version this build of " + consumer.group() + " does not know");
		}
		throw new PoisonEventException(Reason.UNKNOWN_TYPE,
				type + " is a type this build of " + consumer.group() + " does not know");
	}

	/** {@code shop.order.placed} for {@code shop.order.placed.v7}. */
	private static String baseName(String type) {
		return type.replaceFirst("\\.v\\d+$", "");
	}

	private static void requireSameOrder(ConsumerRecord<byte[], byte[]> record, UUID orderId) {
		String order = orderId.toString();
		if (record.key() != null) {
			String key = new String(record.key(), StandardCharsets.UTF_8);
			if (!key.equals(order)) {
				throw new PoisonEventException(Reason.WRONG_ORDER,
						"the record key " + key + " is not the event's order " + order);
			}
		}
		String subject = header(record, CloudEventHeaders.SUBJECT);
		if (subject != null && !subject.equals(order)) {
			throw new PoisonEventException(Reason.WRONG_ORDER,
					CloudEventHeaders.SUBJECT + " " + subject + " is not the event's order " + order);
		}
	}

	private JsonNode parse(byte @Nullable [] value) {
		if (value == null) {
			throw new PoisonEventException(Reason.UNREADABLE, "the record has no value");
		}
		try {
			JsonNode node = this.json.mapper().readTree(value);
			if (node == null || !node.isObject()) {
				throw new PoisonEventException(Reason.UNREADABLE, "the value is not a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new PoisonEventException(Reason.UNREADABLE, "the value is not JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private Schema schema(EventType<?> type) {
		return this.schemaCache.computeIfAbsent(type.name(), (name) -> {
			var in = EventReader.class.getClassLoader().getResourceAsStream(type.schemaResource());
			if (in == null) {
				throw new IllegalStateException("No schema on the classpath for " + name);
			}
			return this.schemas.getSchema(in);
		});
	}

	private static UUID eventId(ConsumerRecord<byte[], byte[]> record) {
		String id = header(record, CloudEventHeaders.ID);
		if (id == null) {
			throw new PoisonEventException(Reason.MISSING_HEADER, "no " + CloudEventHeaders.ID + " header");
		}
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new PoisonEventException(Reason.MISSING_HEADER, CloudEventHeaders.ID + " is not a UUID: " + id, ex);
		}
	}

	private static @Nullable Instant time(ConsumerRecord<byte[], byte[]> record) {
		String time = header(record, CloudEventHeaders.TIME);
		try {
			return (time != null) ? Instant.parse(time) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/**
	 * A record read into an event, with the handler that wants it.
	 */
	record Incoming(EventConsumer.Registration<?> registration, Object event, EventContext context) {

		void handle() {
			this.registration.handle(this.event, this.context);
		}

	}

}
