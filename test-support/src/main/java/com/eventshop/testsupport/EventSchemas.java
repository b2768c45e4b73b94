package com.eventshop.testsupport;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates event data against the JSON Schema that {@code common-events} publishes for
 * its type, with format assertions (e-mail, date-time) on.
 */
public final class EventSchemas {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(builder) -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

	private static final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	private EventSchemas() {
	}

	/**
	 * @param typeName the CloudEvents type, e.g. {@code shop.order.placed.v1}
	 * @param data the record value
	 * @return the validation errors; empty when the data is valid
	 */
	public static List<String> errors(String typeName, byte[] data) {
		EventType<?> type = EventTypes.byName(typeName)
			.orElseThrow(() -> new IllegalArgumentException("Unknown event type " + typeName));
		Schema schema = schemas.computeIfAbsent(typeName, (name) -> {
			InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(type.schemaResource());
			if (in == null) {
				throw new IllegalStateException("No schema on the classpath at " + type.schemaResource());
			}
			return registry.getSchema(in);
		});
		return schema.validate(mapper.readTree(data)).stream().map(Object::toString).toList();
	}

}
