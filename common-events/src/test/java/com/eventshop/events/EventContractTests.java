package com.eventshop.events;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.order.OrderPlaced;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registered event type has a schema and a golden example; the golden example
 * validates and still reads into the record; what the record writes validates too.
 */
class EventContractTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(builder) -> builder
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

	static List<EventType<?>> types() {
		return EventTypes.all();
	}

	@ParameterizedTest
	@MethodSource("types")
	void goldenExampleValidatesAndDeserializes(EventType<?> type) throws IOException {
		JsonNode golden = mapper.readTree(resource(type.goldenResource()));
		assertThat(schema(type).validate(golden)).as("schema errors of %s", type.goldenResource()).isEmpty();
		ShopEvent event = mapper.treeToValue(golden, type.javaType());
		assertThat(event.orderId()).isNotNull();
		JsonNode roundTrip = mapper.valueToTree(event);
		assertThat(schema(type).validate(roundTrip)).isEmpty();
	}

	@Test
	void orderPlacedWrittenByTheRecordValidates() {
		OrderPlaced event = new OrderPlaced(UUID.randomUUID(), new Customer("c-1", "Grace Hopper", "grace@example.com"),
				List.of(new OrderPlaced.Line("MUG-001", "Mug", 3, new BigDecimal("12.50"))), new BigDecimal("37.50"),
				"EUR", new Address("1 Main St", null, "Springfield", "12345", "US"), Instant.now());
		JsonNode json = mapper.valueToTree(event);
		List<Error> errors = schema(EventTypes.ORDER_PLACED_V1).validate(json);
		assertThat(errors).isEmpty();
		assertThat(json.get("total").isString()).as("money travels as a string").isTrue();
		assertThat(json.has("line2")).isFalse();
	}

	@Test
	void schemaRejectsAnOrderWithoutLinesOrWithAFloatingPointTotal() {
		JsonNode golden = mapper.readTree(resource(EventTypes.ORDER_PLACED_V1.goldenResource()));
		var noLines = golden.deepCopy();
		((tools.jackson.databind.node.ObjectNode) noLines).putArray("lines");
		assertThat(schema(EventTypes.ORDER_PLACED_V1).validate(noLines)).isNotEmpty();
		var floatTotal = golden.deepCopy();
		((tools.jackson.databind.node.ObjectNode) floatTotal).put("total", 49.0);
		assertThat(schema(EventTypes.ORDER_PLACED_V1).validate(floatTotal)).isNotEmpty();
	}

	@Test
	void readersIgnoreUnknownFields() {
		var golden = (tools.jackson.databind.node.ObjectNode) mapper
			.readTree(resource(EventTypes.ORDER_PLACED_V1.goldenResource()));
		golden.put("addedInALaterRevision", "x");
		assertThat(mapper.treeToValue(golden, OrderPlaced.class).lines()).hasSize(2);
	}

	@Test
	void typeNamesAreUniqueAndFollowTheConvention() {
		assertThat(EventTypes.all()).extracting(EventType::name)
			.doesNotHaveDuplicates()
			.allMatch((name) -> name.matches("shop\\.[a-z]+\\.[a-z.]+\\.v\\d+"));
		assertThat(EventTypes.byName("shop.order.placed.v1")).contains(EventTypes.ORDER_PLACED_V1);
		assertThat(EventTypes.byName("shop.order.placed.v99")).isEmpty();
	}

	private static Schema schema(EventType<?> type) {
		return schemas.getSchema(resource(type.schemaResource()));
	}

	private static InputStream resource(String path) {
		InputStream in = EventContractTests.class.getClassLoader().getResourceAsStream(path);
		assertThat(in).as("classpath resource %s", path).isNotNull();
		return in;
	}

}
