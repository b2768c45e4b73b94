package com.eventshop.events.evolution;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.events.evolution.SchemaCompatibility.Violation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate itself: each kind of breaking change to a real schema is caught, named by
 * property and rule, and additive changes pass.
 */
class SchemaCompatibilityTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void anUnchangedSchemaIsCompatible() {
		assertThat(changeOrderPlaced((schema) -> {
		})).isEmpty();
	}

	@Test
	void newOptionalPropertiesAndEditedDescriptionsAreCompatible() {
		assertThat(changeOrderPlaced((schema) -> {
			object(schema, "/properties").putObject("channel").put("type", "string");
			object(schema, "/properties/lines/items/properties").putObject("giftWrap").put("type", "boolean");
			schema.put("description", "Reworded.");
			object(schema, "/properties/total").put("description", "Sum of the line totals.");
		})).isEmpty();
	}

	@Test
	void inliningAReferencedDefinitionIsNotAChange() {
		assertThat(changeOrderPlaced(
				(schema) -> object(schema, "/properties").set("orderId", schema.at("/$defs/uuid").deepCopy())))
			.isEmpty();
	}

	@Test
	void removingAPropertyBreaksReaders() {
		assertThat(
				changeOrderPlaced((schema) -> object(schema, "/properties/shippingAddress/properties").remove("line2")))
			.containsExactly("$.shippingAddress.line2 REMOVED_PROPERTY");
	}

	@Test
	void renamingAPropertyIsARemoval() {
		assertThat(changeOrderPlaced((schema) -> {
			ObjectNode properties = object(schema, "/properties/customer/properties");
			properties.set("emailAddress", properties.remove("email"));
			ArrayNode required = (ArrayNode) schema.at("/properties/customer/required");
			required.remove(2);
			required.add("emailAddress");
		})).containsExactlyInAnyOrder("$.customer.email REMOVED_PROPERTY", "$.customer.email NO_LONGER_REQUIRED",
				"$.customer.emailAddress NEW_REQUIRED_PROPERTY");
	}

	@Test
	void aNewRequiredPropertyBreaksOlderWriters() {
		assertThat(changeOrderPlaced((schema) -> {
			object(schema, "/properties").putObject("channel").put("type", "string");
			((ArrayNode) schema.get("required")).add("channel");
		})).containsExactly("$.channel NEW_REQUIRED_PROPERTY");
	}

	@Test
	void anOptionalPropertyThatBecomesRequiredBreaksOlderWriters() {
		assertThat(changeOrderPlaced(
				(schema) -> ((ArrayNode) schema.at("/properties/shippingAddress/required")).add("line2")))
			.containsExactly("$.shippingAddress.line2 NEW_REQUIRED_PROPERTY");
	}

	@Test
	void aRequiredPropertyThatBecomesOptionalBreaksOlderReaders() {
		assertThat(changeOrderPlaced((schema) -> ((ArrayNode) schema.get("required")).remove(6)))
			.containsExactly("$.placedAt NO_LONGER_REQUIRED");
	}

	@Test
	void aChangedTypeBreaksReaders() {
		assertThat(changeOrderPlaced(
				(schema) -> object(schema, "/properties/lines/items/properties/quantity").put("type", "number")))
			.containsExactly("$.lines[].quantity CHANGED_TYPE");
	}

	@Test
	void aNarrowedEnumRejectsWhatOlderWritersSend() {
		assertThat(change(EventTypes.ORDER_CANCELLED_V1,
				(schema) -> ((ArrayNode) schema.at("/properties/previousStatus/enum")).remove(1)))
			.containsExactly("$.previousStatus NARROWED_ENUM");
	}

	@Test
	void aWidenedEnumSendsOlderReadersValuesTheyDoNotKnow() {
		assertThat(change(EventTypes.ORDER_CANCELLED_V1,
				(schema) -> ((ArrayNode) schema.at("/properties/previousStatus/enum")).add("SHIPPED")))
			.containsExactly("$.previousStatus WIDENED_ENUM");
	}

	@Test
	void aTightenedPatternRejectsWhatOlderWritersSend() {
		assertThat(changeOrderPlaced((schema) -> object(schema, "/properties/currency").put("pattern", "^(EUR|USD)$")))
			.containsExactly("$.currency CHANGED_PATTERN");
	}

	@Test
	void aChangedSharedDefinitionIsReportedWhereverItIsUsed() {
		assertThat(changeOrderPlaced(
				(schema) -> object(schema, "/$defs/money").put("pattern", "^(0|[1-9][0-9]*)(\\.[0-9]{2})?$")))
			.containsExactlyInAnyOrder("$.lines[].unitPrice CHANGED_PATTERN", "$.total CHANGED_PATTERN");
	}

	@Test
	void anAddedFormatRejectsWhatOlderWritersSend() {
		assertThat(changeOrderPlaced(
				(schema) -> object(schema, "/properties/lines/items/properties/sku").put("format", "uuid")))
			.containsExactly("$.lines[].sku CHANGED_FORMAT");
	}

	@Test
	void aTightenedLengthOrRangeRejectsWhatOlderWritersSend() {
		assertThat(changeOrderPlaced((schema) -> {
			object(schema, "/properties/customer/properties/name").put("maxLength", 100);
			object(schema, "/properties/lines/items/properties/quantity").put("maximum", 1000);
			object(schema, "/properties/lines").put("minItems", 2);
		})).containsExactlyInAnyOrder("$.customer.name TIGHTENED_BOUND", "$.lines[].quantity TIGHTENED_BOUND",
				"$.lines TIGHTENED_BOUND");
	}

	@Test
	void aLoosenedBoundLetsNewWritersSendWhatValidatingReadersReject() {
		assertThat(changeOrderPlaced(
				(schema) -> object(schema, "/properties/customer/properties/name").put("maxLength", 500)))
			.containsExactly("$.customer.name LOOSENED_BOUND");
	}

	@Test
	void closingAnObjectRejectsPropertiesThatLaterRevisionsAdd() {
		assertThat(changeOrderPlaced((schema) -> schema.put("additionalProperties", false)))
			.containsExactly("$ CHANGED_OPEN_CONTENT");
	}

	@Test
	void anyOtherConstraintThatChangesIsReported() {
		assertThat(changeOrderPlaced((schema) -> {
			object(schema, "/properties/lines").put("uniqueItems", true);
			object(schema, "/properties/total").put("const", "49.00");
		})).containsExactlyInAnyOrder("$.lines CHANGED_KEYWORD", "$.total NARROWED_ENUM");
	}

	@Test
	void aRemovedFormatLetsNewWritersSendWhatValidatingReadersReject() {
		assertThat(
				changeOrderPlaced((schema) -> object(schema, "/properties/customer/properties/email").remove("format")))
			.containsExactly("$.customer.email CHANGED_FORMAT");
	}

	@Test
	void orderPlacedV2IsANewTypeBecauseItCouldNotBeARevisionOfV1() {
		List<String> violations = SchemaCompatibility
			.check(schema(EventTypes.ORDER_PLACED_V1), schema(EventTypes.ORDER_PLACED_V2))
			.stream()
			.map((violation) -> violation.path() + " " + violation.rule())
			.toList();
		assertThat(violations).contains("$.currency REMOVED_PROPERTY", "$.total CHANGED_TYPE",
				"$.lines[].unitPrice CHANGED_TYPE");
	}

	@Test
	void aViolationNamesThePropertyAndTheRule() {
		List<Violation> violations = violations(EventTypes.ORDER_PLACED_V1,
				(schema) -> object(schema, "/properties/customer/properties").remove("email"));
		assertThat(violations).singleElement()
			.hasToString("$.customer.email: REMOVED_PROPERTY (the property was removed or renamed; readers that use it"
					+ " would no longer find it)");
	}

	/** The violations of a change to OrderPlaced, as "path RULE". */
	private static List<String> changeOrderPlaced(Consumer<ObjectNode> change) {
		return change(EventTypes.ORDER_PLACED_V1, change);
	}

	private static List<String> change(EventType<?> type, Consumer<ObjectNode> change) {
		return violations(type, change).stream().map((violation) -> violation.path() + " " + violation.rule()).toList();
	}

	private static List<Violation> violations(EventType<?> type, Consumer<ObjectNode> change) {
		JsonNode released = schema(type);
		ObjectNode current = (ObjectNode) released.deepCopy();
		change.accept(current);
		return SchemaCompatibility.check(released, current);
	}

	private static ObjectNode object(ObjectNode schema, String pointer) {
		return (ObjectNode) schema.at(pointer);
	}

	private static JsonNode schema(EventType<?> type) {
		try (InputStream in = SchemaCompatibilityTests.class.getClassLoader()
			.getResourceAsStream(type.schemaResource())) {
			return mapper.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
