package com.eventshop.messaging.consumer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.events.order.OrderPlacedV2;
import com.eventshop.messaging.consumer.PoisonEventException.Reason;
import com.eventshop.messaging.support.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the reader accepts and what it declares poison, on records built as the relay (or
 * a broken producer) would build them, with schema validation on as in the services.
 */
class EventReaderTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final UUID ORDER = UUID.fromString("0b8f5c2e-6d4a-4b7e-9a51-3f2d8c1e7a90");

	private final EventReader reader = new EventReader(new EventJson(), true);

	private final EventConsumer consumer = EventConsumer.group("test")
		.on(OrderPlaced.class, (Consumer<OrderPlaced>) (event) -> {
		})
		.build();

	@Test
	void readsAnEventWithEveryRequiredAttribute() {
		Optional<EventReader.Incoming> incoming = this.reader.read(this.consumer, new Record().build());
		assertThat(incoming).get()
			.satisfies((read) -> assertThat(((OrderPlaced) read.event()).orderId()).isEqualTo(ORDER))
			.satisfies((read) -> assertThat(read.context().source()).isEqualTo("/order-service"));
	}

	@Test
	void aNewerWriterWithExtraOptionalFieldsIsReadUnchanged() {
		ObjectNode data = golden();
		data.put("channel", "web");
		((ObjectNode) data.get("lines").get(0)).put("giftWrap", true);
		((ObjectNode) data.get("customer")).put("loyaltyTier", "gold");
		OrderPlaced event = (OrderPlaced) this.reader.read(this.consumer, new Record().value(data).build())
			.orElseThrow()
			.event();
		assertThat(event.lines()).extracting(OrderPlaced.Line::sku).containsExactly("MUG-001", "TEE-002");
		assertThat(event.customer().email()).isEqualTo("ada@example.com");
	}

	@Test
	void anOlderWriterWithoutAnOptionalFieldIsRead() {
		ObjectNode withLine2 = golden();
		((ObjectNode) withLine2.get("shippingAddress")).put("line2", "Flat 3");
		OrderPlaced newer = (OrderPlaced) this.reader.read(this.consumer, new Record().value(withLine2).build())
			.orElseThrow()
			.event();
		assertThat(newer.shippingAddress().line2()).isEqualTo("Flat 3");
		OrderPlaced older = (OrderPlaced) this.reader.read(this.consumer, new Record().build()).orElseThrow().event();
		assertThat(older.shippingAddress().line2()).isNull();
		assertThat(older.shippingAddress().city()).isEqualTo("London");
	}

	@Test
	void aMissingOrWrongSpecVersionIsPoison() {
		assertPoison(new Record().without(CloudEventHeaders.SPEC_VERSION), Reason.MISSING_HEADER, "ce_specversion");
		assertPoison(new Record().header(CloudEventHeaders.SPEC_VERSION, "0.3"), Reason.MISSING_HEADER,
				"ce_specversion 0.3 is not 1.0");
	}

	@Test
	void aMissingSourceIdOrTypeIsPoison() {
		assertPoison(new Record().without(CloudEventHeaders.SOURCE), Reason.MISSING_HEADER, "ce_source");
		assertPoison(new Record().header(CloudEventHeaders.SOURCE, " "), Reason.MISSING_HEADER, "ce_source");
		assertPoison(new Record().without(CloudEventHeaders.ID), Reason.MISSING_HEADER, "ce_id");
		assertPoison(new Record().without(CloudEventHeaders.TYPE), Reason.MISSING_HEADER, "ce_type");
		assertPoison(new Record().header(CloudEventHeaders.TYPE, ""), Reason.MISSING_HEADER, "ce_type");
		assertPoison(new Record().header(CloudEventHeaders.ID, "42"), Reason.MISSING_HEADER, "ce_id is not a UUID: 42");
	}

	@Test
	void aRecordOfAnotherTypeWithoutRequiredAttributesIsPoisonToo() {
		assertPoison(new Record().header(CloudEventHeaders.TYPE, EventTypes.SHIPMENT_DISPATCHED_V1.name())
			.without(CloudEventHeaders.SOURCE), Reason.MISSING_HEADER, "ce_source");
	}

	@Test
	void aKnownTypeTheGroupDoesNotHandleIsSkipped() {
		assertThat(this.reader.read(this.consumer,
				new Record().header(CloudEventHeaders.TYPE, EventTypes.ORDER_SHIPPED_V1.name()).build()))
			.isEmpty();
	}

	@Test
	void aV1ConsumerSkipsTheV2PublishedBesideIt() {
		assertThat(this.reader.read(this.consumer,
				new Record().header(CloudEventHeaders.TYPE, EventTypes.ORDER_PLACED_V2.name())
					.value(goldenV2())
					.build()))
			.isEmpty();
	}

	@Test
	void aV2ConsumerReadsTheV2AndSkipsTheV1() {
		EventConsumer v2 = EventConsumer.group("test-v2").on(OrderPlacedV2.class, (Consumer<OrderPlacedV2>) (event) -> {
		}).build();
		OrderPlacedV2 event = (OrderPlacedV2) this.reader
			.read(v2,
					new Record().header(CloudEventHeaders.TYPE, EventTypes.ORDER_PLACED_V2.name())
						.value(goldenV2())
						.build())
			.orElseThrow()
			.event();
		assertThat(event.total().amount()).isEqualByComparingTo("49.00");
		assertThat(event.total().currency()).isEqualTo("EUR");
		assertThat(this.reader.read(v2, new Record().build())).isEmpty();
	}

	@Test
	void aTypeThisBuildDoesNotKnowIsPoison() {
		assertPoison(new Record().header(CloudEventHeaders.TYPE, "shop.order.gift-wrapped.v1"), Reason.UNKNOWN_TYPE,
				"shop.order.gift-wrapped.v1 is a type this build of test does not know");
	}

	@Test
	void aVersionThisBuildDoesNotKnowIsPoisonEvenForAGroupThatHandlesNoVersionOfIt() {
		assertPoison(new Record().header(CloudEventHeaders.TYPE, "shop.order.placed.v99"), Reason.UNKNOWN_VERSION,
				"shop.order.placed.v99 is a version this build of test does not know");
		assertPoison(new Record().header(CloudEventHeaders.TYPE, "shop.order.shipped.v2"), Reason.UNKNOWN_VERSION,
				"shop.order.shipped.v2 is a version");
	}

	@Test
	void aKeyThatDisagreesWithTheOrderIdIsPoison() {
		String other = UUID.randomUUID().toString();
		assertPoison(new Record().key(other), Reason.WRONG_ORDER,
				"the record key " + other + " is not the event's order " + ORDER);
	}

	@Test
	void aSubjectThatDisagreesWithTheOrderIdIsPoison() {
		String other = UUID.randomUUID().toString();
		assertPoison(new Record().header(CloudEventHeaders.SUBJECT, other), Reason.WRONG_ORDER,
				"ce_subject " + other + " is not the event's order " + ORDER);
	}

	private void assertPoison(Record record, Reason reason, String message) {
		assertThatExceptionOfType(PoisonEventException.class)
			.isThrownBy(() -> this.reader.read(this.consumer, record.build()))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(reason))
			.withMessageContaining(message);
	}

	private static ObjectNode golden() {
		return golden(EventTypes.ORDER_PLACED_V1);
	}

	private static ObjectNode goldenV2() {
		return golden(EventTypes.ORDER_PLACED_V2);
	}

	private static ObjectNode golden(EventType<?> type) {
		try (InputStream in = EventReaderTests.class.getClassLoader().getResourceAsStream(type.goldenResource())) {
			return (ObjectNode) mapper.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A record as the outbox relay publishes it, which a test then breaks. */
	private static final class Record {

		private final ConsumerRecord<byte[], byte[]> record;

		private @Nullable String key = ORDER.toString();

		private byte[] value = mapper.writeValueAsBytes(golden());

		private Record() {
			this.record = new ConsumerRecord<>(Topics.ORDERS, 0, 0L, new byte[0], new byte[0]);
			header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
			header(CloudEventHeaders.ID, UUID.randomUUID().toString());
			header(CloudEventHeaders.SOURCE, "/order-service");
			header(CloudEventHeaders.TYPE, EventTypes.ORDER_PLACED_V1.name());
			header(CloudEventHeaders.TIME, "2026-11-01T10:15:30Z");
			header(CloudEventHeaders.SUBJECT, ORDER.toString());
			header(CloudEventHeaders.DATA_SCHEMA, EventTypes.ORDER_PLACED_V1.dataSchema().toString());
			header(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
		}

		Record header(String name, String value) {
			this.record.headers().remove(name);
			this.record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
			return this;
		}

		Record without(String name) {
			this.record.headers().remove(name);
			return this;
		}

		Record key(String key) {
			this.key = key;
			return this;
		}

		Record value(ObjectNode data) {
			this.value = mapper.writeValueAsBytes(data);
			return this;
		}

		ConsumerRecord<byte[], byte[]> build() {
			ConsumerRecord<byte[], byte[]> built = new ConsumerRecord<>(this.record.topic(), 0, 0L,
					(this.key != null) ? this.key.getBytes(StandardCharsets.UTF_8) : null, this.value);
			this.record.headers().forEach((header) -> built.headers().add(header));
			return built;
		}

	}

}
