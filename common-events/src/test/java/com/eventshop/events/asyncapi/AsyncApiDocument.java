package com.eventshop.events.asyncapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.ConsumerGroups;
import com.eventshop.events.ConsumerGroups.ConsumerGroup;
import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the AsyncAPI 3.0 document of the whole system from what {@code common-events}
 * declares: a channel per topic with the messages its publisher sends, and per consumer
 * group a receive operation on each topic it reads, its retry channel (replays meant for
 * it alone) and its dead-letter channel. Each message carries its type's JSON Schema and
 * the CloudEvents headers.
 * <p>
 * The order of everything follows the registries, so the same code always writes the same
 * document. Local {@code $ref}s inside an event schema are inlined: a reference such as
 * {@code #/$defs/money} would otherwise be read against the AsyncAPI document's root by
 * tools that do not honour the schema's {@code $id}.
 */
final class AsyncApiDocument {

	/** Event schemas are JSON Schema 2020-12, kept as they are. */
	static final String SCHEMA_FORMAT = "application/schema+json;version=draft-2020-12";

	private static final String KAFKA_BINDING_VERSION = "0.5.0";

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private AsyncApiDocument() {
	}

	static ObjectNode build() {
		ObjectNode document = mapper.createObjectNode();
		document.put("asyncapi", "3.0.0");
		ObjectNode info = document.putObject("info");
		info.put("title", "EventShop events");
		info.put("version", "1");
		info.put("description", """
				Every event EventShop services exchange over Kafka. Records are CloudEvents 1.0 in \
				Kafka binary mode: the value is the event's JSON data, the attributes travel as \
				ce_* headers. Each topic is keyed by order id, so one order's events stay in order \
				on one partition. Each consumer group has its own dead-letter topic \
				(<topic>.<group>.dlt) and retry topic (<topic>.<group>.retry) per topic it reads. \
				Generated from common-events; do not edit by hand.""");
		document.put("defaultContentType", CloudEventHeaders.JSON);
		ObjectNode server = document.putObject("servers").putObject("local");
		server.put("host", "localhost:9092");
		server.put("protocol", "kafka");
		server.put("description", "The broker of the local stack and of docker compose.");
		ObjectNode channels = document.putObject("channels");
		ObjectNode operations = document.putObject("operations");
		ObjectNode components = document.putObject("components");
		ObjectNode schemas = components.putObject("schemas");
		ObjectNode messages = components.putObject("messages");
		for (EventType<?> type : EventTypes.all()) {
			schemas.set(type.name(), schema(type));
			messages.set(type.name(), message(type));
		}
		messages.set("deadLetter", deadLetterMessage());
		for (String topic : topics()) {
			List<EventType<?>> types = EventTypes.all().stream().filter((type) -> type.topic().equals(topic)).toList();
			channels.set(topic, channel(topic,
					"Events published by the " + Topics.publisher(topic) + ", keyed by order id.", types));
			ObjectNode publish = operations.putObject("publish." + topic);
			publish.put("action", "send");
			publish.put("summary", Topics.publisher(topic) + " publishes through its transactional outbox.");
			publish.putObject("channel").put("$ref", "#/channels/" + escape(topic));
			publish.set("messages", messageRefs(topic, types));
		}
		for (ConsumerGroup group : ConsumerGroups.all()) {
			for (String topic : group.topics()) {
				List<EventType<?>> types = group.types(topic);
				String retry = group.retryTopic(topic);
				String deadLetter = group.deadLetterTopic(topic);
				channels.set(retry, channel(retry,
						"Dead letters of group " + group.name() + " replayed by an operator, to that group alone.",
						types));
				channels.set(deadLetter, deadLetterChannel(group, topic));
				operations.set(group.name() + ".receive." + topic,
						receive(group, topic, types, group.service() + " handles these; other types are skipped."));
				operations.set(group.name() + ".receive." + retry,
						receive(group, retry, types, group.service() + " handles replays of its own dead letters."));
				ObjectNode park = operations.putObject(group.name() + ".deadLetter." + topic);
				park.put("action", "send");
				park.put("summary", group.service() + " parks a record it cannot handle: poison at once,"
						+ " a failing handler after its retries.");
				park.putObject("channel").put("$ref", "#/channels/" + escape(deadLetter));
				park.putArray("messages")
					.addObject()
					.put("$ref", "#/channels/" + escape(deadLetter) + "/messages/deadLetter");
			}
		}
		return document;
	}

	private static List<String> topics() {
		List<String> topics = new ArrayList<>();
		EventTypes.all().stream().map(EventType::topic).filter((topic) -> !topics.contains(topic)).forEach(topics::add);
		return topics;
	}

	private static ObjectNode channel(String address, String description, List<EventType<?>> types) {
		ObjectNode channel = mapper.createObjectNode();
		channel.put("address", address);
		channel.put("description", description);
		ObjectNode messages = channel.putObject("messages");
		types.forEach((type) -> messages.putObject(type.name()).put("$ref", "#/components/messages/" + type.name()));
		channel.putObject("bindings").set("kafka", kafkaTopic(address));
		return channel;
	}

	private static ObjectNode deadLetterChannel(ConsumerGroup group, String topic) {
		String address = group.deadLetterTopic(topic);
		ObjectNode channel = mapper.createObjectNode();
		channel.put("address", address);
		channel.put("description", "Records from " + topic + " that group " + group.name()
				+ " gave up on, with their original key, value and headers plus the failure's."
				+ " Operators list, replay and park them under /api/admin/dead-letters of " + group.service() + ".");
		channel.putObject("messages").putObject("deadLetter").put("$ref", "#/components/messages/deadLetter");
		channel.putObject("bindings").set("kafka", kafkaTopic(address));
		return channel;
	}

	private static ObjectNode receive(ConsumerGroup group, String topic, List<EventType<?>> types, String summary) {
		ObjectNode operation = mapper.createObjectNode();
		operation.put("action", "receive");
		operation.put("summary", summary);
		operation.putObject("channel").put("$ref", "#/channels/" + escape(topic));
		operation.set("messages", messageRefs(topic, types));
		ObjectNode kafka = operation.putObject("bindings").putObject("kafka");
		ObjectNode groupId = kafka.putObject("groupId");
		groupId.put("type", "string");
		groupId.putArray("enum").add(group.name());
		kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
		return operation;
	}

	private static ArrayNode messageRefs(String channel, List<EventType<?>> types) {
		ArrayNode refs = mapper.createArrayNode();
		types.forEach((type) -> refs.addObject()
			.put("$ref", "#/channels/" + escape(channel) + "/messages/" + escape(type.name())));
		return refs;
	}

	private static ObjectNode kafkaTopic(String topic) {
		ObjectNode kafka = mapper.createObjectNode();
		kafka.put("topic", topic);
		kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
		return kafka;
	}

	private static ObjectNode message(EventType<?> type) {
		JsonNode schema = schema(type).get("schema");
		ObjectNode message = mapper.createObjectNode();
		message.put("name", type.name());
		message.put("title", schema.path("title").asString());
		message.put("summary", schema.path("description").asString());
		message.put("contentType", CloudEventHeaders.JSON);
		message.set("headers", headers(type));
		message.putObject("payload").put("$ref", "#/components/schemas/" + type.name());
		message.putObject("correlationId")
			.put("description", "The order the event belongs to.")
			.put("location", "$message.header#/" + CloudEventHeaders.CORRELATION_ID);
		ObjectNode kafka = message.putObject("bindings").putObject("kafka");
		ObjectNode key = kafka.putObject("key");
		key.put("type", "string");
		key.put("format", "uuid");
		key.put("description", "The order id; equal to the data's orderId and to ce_subject.");
		kafka.put("bindingVersion", KAFKA_BINDING_VERSION);
		return message;
	}

	private static ObjectNode headers(EventType<?> type) {
		ObjectNode headers = mapper.createObjectNode();
		headers.put("type", "object");
		headers.putArray("required")
			.add(CloudEventHeaders.SPEC_VERSION)
			.add(CloudEventHeaders.ID)
			.add(CloudEventHeaders.SOURCE)
			.add(CloudEventHeaders.TYPE)
			.add(CloudEventHeaders.TIME)
			.add(CloudEventHeaders.SUBJECT)
			.add(CloudEventHeaders.DATA_SCHEMA)
			.add(CloudEventHeaders.CONTENT_TYPE);
		ObjectNode properties = headers.putObject("properties");
		constant(properties, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
				"CloudEvents specification version.");
		string(properties, CloudEventHeaders.ID, "uuid", "The event id; consumers handle each id once.");
		constant(properties, CloudEventHeaders.SOURCE, "/" + Topics.publisher(type.topic()), "The publishing service.");
		constant(properties, CloudEventHeaders.TYPE, type.name(), "The event type and its version.");
		string(properties, CloudEventHeaders.TIME, "date-time", "When the event happened.");
		string(properties, CloudEventHeaders.SUBJECT, "uuid", "The order id, as the record key.");
		constant(properties, CloudEventHeaders.DATA_SCHEMA, type.dataSchema().toString(),
				"The schema of the data in this document.");
		constant(properties, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON, "The data is JSON.");
		string(properties, CloudEventHeaders.CORRELATION_ID, null, "Extension: the order id shared by the flow.");
		string(properties, CloudEventHeaders.CAUSATION_ID, "uuid",
				"Extension: the id of the event that caused this one, when there is one.");
		string(properties, CloudEventHeaders.TRACEPARENT, null, "W3C trace context.");
		return headers;
	}

	private static void constant(ObjectNode properties, String name, String value, String description) {
		ObjectNode header = properties.putObject(name);
		header.put("type", "string");
		header.put("const", value);
		header.put("description", description);
	}

	private static void string(ObjectNode properties, String name, @Nullable String format, String description) {
		ObjectNode header = properties.putObject(name);
		header.put("type", "string");
		if (format != null) {
			header.put("format", format);
		}
		header.put("description", description);
	}

	private static ObjectNode deadLetterMessage() {
		ObjectNode message = mapper.createObjectNode();
		message.put("name", "deadLetter");
		message.put("title", "Dead letter");
		message.put("summary", "The original record, unchanged (its bytes may not be JSON at all), with the"
				+ " original headers plus the failure's.");
		message.put("contentType", "application/octet-stream");
		ObjectNode headers = message.putObject("headers");
		headers.put("type", "object");
		headers.putArray("required").add("eventshop_dlt_reason").add("kafka_dlt-original-topic");
		ObjectNode properties = headers.putObject("properties");
		ObjectNode reason = properties.putObject("eventshop_dlt_reason");
		reason.put("type", "string");
		reason.put("description",
				"Why the record was parked: a poison reason (MISSING_HEADER, UNREADABLE,"
						+ " UNKNOWN_TYPE, UNKNOWN_VERSION, INVALID, WRONG_ORDER) or RETRIES_EXHAUSTED, the handler's"
						+ " failure after its retries.");
		string(properties, "kafka_dlt-original-topic", null, "The topic the record was read from.");
		string(properties, "kafka_dlt-original-partition", null, "Its partition.");
		string(properties, "kafka_dlt-original-offset", null, "Its offset.");
		string(properties, "kafka_dlt-original-consumer-group", null, "The group that gave up on it.");
		string(properties, "kafka_dlt-exception-fqcn", null, "The failure's exception class.");
		string(properties, "kafka_dlt-exception-message", null, "The failure's message.");
		message.putObject("payload").put("description", "Any bytes.");
		return message;
	}

	/**
	 * The type's JSON Schema with local references inlined, wrapped as a multi-format
	 * schema.
	 */
	static ObjectNode schema(EventType<?> type) {
		JsonNode schema;
		try (InputStream in = AsyncApiDocument.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
			if (in == null) {
				throw new IllegalStateException("No schema for " + type.name());
			}
			schema = mapper.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ObjectNode inlined = (ObjectNode) inline(schema, schema);
		inlined.remove("$defs");
		ObjectNode wrapper = mapper.createObjectNode();
		wrapper.put("schemaFormat", SCHEMA_FORMAT);
		wrapper.set("schema", inlined);
		return wrapper;
	}

	private static JsonNode inline(JsonNode root, JsonNode node) {
		if (node.isObject()) {
			if (node.has("$ref") && node.get("$ref").asString().startsWith("#/")) {
				JsonNode target = root.at(node.get("$ref").asString().substring(1));
				if (target.isMissingNode()) {
					throw new IllegalStateException("Unresolvable " + node.get("$ref"));
				}
				ObjectNode merged = (ObjectNode) inline(root, target);
				node.properties()
					.stream()
					.filter((entry) -> !entry.getKey().equals("$ref"))
					.forEach((entry) -> merged.set(entry.getKey(), inline(root, entry.getValue())));
				return merged;
			}
			ObjectNode copy = mapper.createObjectNode();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				copy.set(entry.getKey(), inline(root, entry.getValue()));
			}
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = mapper.createArrayNode();
			node.forEach((item) -> copy.add(inline(root, item)));
			return copy;
		}
		return node;
	}

	/** A channel or message name in a JSON pointer; ours need no escaping but '/'. */
	private static String escape(String name) {
		return name.replace("~", "~0").replace("/", "~1");
	}

}
