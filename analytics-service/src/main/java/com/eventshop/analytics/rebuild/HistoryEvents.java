package com.eventshop.analytics.rebuild;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.events.ShopEvent;
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
 * Reads history records into events as the live consumer would accept them: CloudEvents
 * id and type present, a type the projection reads, data that parses, passes its JSON
 * Schema and names the order of the record's key. Anything else is skipped, as the live
 * consumer dead-lettered or skipped it.
 */
final class HistoryEvents {

	private final EventJson json;

	private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private final Map<String, Schema> schemaCache = new ConcurrentHashMap<>();

	HistoryEvents(EventJson json) {
		this.json = json;
	}

	/**
	 * @param wanted the event classes the projection reads
	 * @return the event and its id, or empty when the record is to be skipped
	 */
	Optional<HistoryEvent> read(ConsumerRecord<byte[], byte[]> record, Set<Class<?>> wanted) {
		String typeName = header(record, CloudEventHeaders.TYPE);
		String id = header(record, CloudEventHeaders.ID);
		if (typeName == null || id == null || record.value() == null) {
			return Optional.empty();
		}
		Optional<EventType<?>> type = EventTypes.byName(typeName).filter((t) -> wanted.contains(t.javaType()));
		if (type.isEmpty()) {
			return Optional.empty();
		}
		try {
			UUID eventId = UUID.fromString(id);
			JsonNode data = this.json.mapper().readTree(record.value());
			if (data == null || !data.isObject()) {
				return Optional.empty();
			}
			List<Error> errors = schema(type.get()).validate(data);
			if (!errors.isEmpty()) {
				return Optional.empty();
			}
			ShopEvent event = this.json.mapper().treeToValue(data, type.get().javaType());
			if (record.key() != null
					&& !new String(record.key(), StandardCharsets.UTF_8).equals(event.orderId().toString())) {
				return Optional.empty();
			}
			return Optional.of(new HistoryEvent(eventId, event));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private Schema schema(EventType<?> type) {
		return this.schemaCache.computeIfAbsent(type.name(), (name) -> {
			var in = HistoryEvents.class.getClassLoader().getResourceAsStream(type.schemaResource());
			if (in == null) {
				throw new IllegalStateException("No schema on the classpath for " + name);
			}
			return this.schemas.getSchema(in);
		});
	}

	private static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** An event of the history and its CloudEvents id. */
	record HistoryEvent(UUID eventId, ShopEvent event) {
	}

}
