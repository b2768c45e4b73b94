package com.eventshop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes records as another service would, or as a broken one might: CloudEvents
 * headers around any bytes. Tests use it to feed consumers real, duplicate and poison
 * records.
 */
public final class EventPublisher implements AutoCloseable {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final KafkaProducer<byte[], byte[]> producer;

	public EventPublisher(String bootstrapServers) {
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(),
				new ByteArraySerializer());
	}

	/** The golden example of a type, with a new order id, as a tree a test may change. */
	public static ObjectNode golden(EventType<?> type, UUID orderId) {
		try (InputStream in = EventPublisher.class.getClassLoader().getResourceAsStream(type.goldenResource())) {
			if (in == null) {
				throw new IllegalStateException("No golden example for " + type.name());
			}
			ObjectNode node = (ObjectNode) mapper.readTree(in);
			node.put("orderId", orderId.toString());
			return node;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] bytes(ObjectNode data) {
		return mapper.writeValueAsBytes(data);
	}

	/**
	 * Publishes one record with CloudEvents headers and waits for the broker's
	 * acknowledgement.
	 * @param topic the topic
	 * @param key the record key
	 * @param type {@code ce_type}, or null to leave the header out
	 * @param eventId {@code ce_id}, or null to leave the header out
	 * @param value the record value
	 */
	public void publish(String topic, String key, @Nullable String type, @Nullable UUID eventId, byte[] value) {
		publish(topic, key, type, eventId, value, Map.of());
	}

	/**
	 * Publishes one record as {@link #publish(String, String, String, UUID, byte[])}
	 * does, with extra headers such as {@code traceparent}.
	 */
	public void publish(String topic, String key, @Nullable String type, @Nullable UUID eventId, byte[] value,
			Map<String, String> extraHeaders) {
		RecordHeaders headers = new RecordHeaders();
		extraHeaders.forEach((name, header) -> add(headers, name, header));
		add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
		add(headers, CloudEventHeaders.ID, (eventId != null) ? eventId.toString() : null);
		add(headers, CloudEventHeaders.SOURCE, "/test");
		add(headers, CloudEventHeaders.TYPE, type);
		add(headers, CloudEventHeaders.TIME, Instant.now().toString());
		add(headers, CloudEventHeaders.SUBJECT, key);
		add(headers, CloudEventHeaders.CORRELATION_ID, key);
		add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
		try {
			this.producer.send(new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8), value, headers))
				.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish to " + topic, ex);
		}
	}

	/** Publishes a valid event of a type, keyed by its order id. */
	public void publish(EventType<?> type, UUID eventId, ObjectNode data) {
		publish(type.topic(), data.get("orderId").asString(), type.name(), eventId, bytes(data));
	}

	private static void add(RecordHeaders headers, String name, @Nullable String value) {
		if (value != null) {
			headers.add(name, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
