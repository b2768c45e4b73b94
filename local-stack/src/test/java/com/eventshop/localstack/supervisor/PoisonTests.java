package com.eventshop.localstack.supervisor;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.eventshop.events.CloudEventHeaders;
import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What {@code local-stack.sh poison} hands Kafka's console producer: a line per record
 * that reads as an order-placed event's headers and key, with a value no consumer can
 * parse, naming itself for the operator.
 */
class PoisonTests {

	private static final UUID KEY = UUID.fromString("00000000-0000-0000-0000-00000000000a");

	private static final UUID EVENT = UUID.fromString("00000000-0000-0000-0000-00000000000b");

	@Test
	void goesToTheOrdersTopicAsAnEventTypeEveryConsumerOfItHandles() {
		assertThat(Poison.TOPIC).isEqualTo(Topics.ORDERS);
		assertThat(Poison.TYPE).isEqualTo(EventTypes.ORDER_PLACED_V1.name());
		assertThat(EventTypes.ORDER_PLACED_V1.topic()).isEqualTo(Topics.ORDERS);
	}

	@Test
	void lineCarriesTheCloudEventsHeadersTheKeyAndACutOffValue() {
		String[] parts = record().line().split("\t", -1);
		assertThat(parts).hasSize(3);
		Map<String, String> headers = Arrays.stream(parts[0].split(","))
			.map((header) -> header.split(":", 2))
			.collect(Collectors.toMap((pair) -> pair[0], (pair) -> pair[1]));
		assertThat(headers).containsEntry(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE)
			.containsEntry(CloudEventHeaders.ID, EVENT.toString())
			.containsEntry(CloudEventHeaders.TYPE, EventTypes.ORDER_PLACED_V1.name())
			.containsEntry(CloudEventHeaders.SOURCE, Poison.SOURCE)
			.containsEntry(CloudEventHeaders.SUBJECT, KEY.toString())
			.containsEntry(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
		assertThat(parts[1]).isEqualTo(KEY.toString());
		assertThat(parts[2]).isEqualTo(record().value()).contains(KEY.toString(), Poison.SOURCE);
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> JsonMapper.builder().build().readTree(parts[2]));
	}

	@Test
	void separatorsTheProducerIsToldMatchTheLine() {
		assertThat(Poison.READER_PROPERTIES).contains("parse.headers=true", "parse.key=true", "headers.delimiter=\t",
				"key.separator=\t", "headers.separator=,", "headers.key.separator=:");
		assertThat(record().value()).doesNotContain("\t", "\n");
	}

	@Test
	void eachRecordHasItsOwnKeyAndEventIdAndSaysThem() {
		Iterator<UUID> ids = List.of(KEY, EVENT, UUID.randomUUID(), UUID.randomUUID()).iterator();
		List<Poison.Record> records = Poison.records(2, ids::next);
		assertThat(records).hasSize(2);
		assertThat(records.get(0)).isEqualTo(record());
		assertThat(records.get(1).key()).isNotIn(KEY, EVENT);
		assertThat(record().told()).isEqualTo("poison on shop.orders.v1: key " + KEY + ", event id " + EVENT);
	}

	@Test
	void refusesACountOutsideOneToAThousand() {
		assertThatIllegalArgumentException().isThrownBy(() -> Poison.records(0, UUID::randomUUID));
		assertThatIllegalArgumentException().isThrownBy(() -> Poison.records(1001, UUID::randomUUID));
	}

	private static Poison.Record record() {
		return new Poison.Record(KEY, EVENT);
	}

}
