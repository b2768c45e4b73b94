package com.eventshop.events.asyncapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.eventshop.events.ConsumerGroups;
import com.eventshop.events.ConsumerGroups.ConsumerGroup;
import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/asyncapi.yaml} is what the registries generate, and it is a valid AsyncAPI
 * 3.0 document. After changing events, topics or consumer groups, rewrite it with <pre>
 * ./mvnw -pl common-events verify -Dtest=AsyncApiDocumentTests -Deventshop.contracts.write=true
 * </pre> and commit the result.
 */
class AsyncApiDocumentTests {

	static final String WRITE_PROPERTY = "eventshop.contracts.write";

	/** Surefire runs in the module's directory. */
	private static final Path COMMITTED = Path.of("..", "docs", "asyncapi.yaml");

	/** Plain, unfolded scalars, so that a change reads as a one-line diff. */
	private static final YAMLMapper yaml = YAMLMapper.builder()
		.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
		.disable(YAMLWriteFeature.SPLIT_LINES)
		.enable(YAMLWriteFeature.MINIMIZE_QUOTES)
		.enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
		.build();

	@Test
	void committedDocumentIsTheGeneratedOne() throws IOException {
		String generated = yaml.writeValueAsString(AsyncApiDocument.build());
		if (Boolean.getBoolean(WRITE_PROPERTY)) {
			Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
		}
		assertThat(COMMITTED).as("run with -D%s=true to write it", WRITE_PROPERTY).exists();
		assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
			.as("docs/asyncapi.yaml is out of date: rewrite it with -D%s=true and commit it", WRITE_PROPERTY)
			.isEqualTo(generated);
	}

	@Test
	void documentIsValidAsyncApi3() throws IOException {
		Schema asyncApi;
		try (InputStream in = resource("asyncapi/asyncapi-3.0.0.schema.json")) {
			asyncApi = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
		}
		JsonNode document = yaml.readTree(yaml.writeValueAsString(AsyncApiDocument.build()));
		List<Error> errors = asyncApi.validate(document);
		assertThat(errors).isEmpty();
	}

	@Test
	void validationCatchesADocumentThatBreaksTheSpecification() throws IOException {
		Schema asyncApi;
		try (InputStream in = resource("asyncapi/asyncapi-3.0.0.schema.json")) {
			asyncApi = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
		}
		ObjectNode document = AsyncApiDocument.build();
		((ObjectNode) document.at("/operations/publish.shop.orders.v1")).put("action", "publish");
		assertThat(asyncApi.validate(document)).isNotEmpty();
	}

	@Test
	void everyDataSchemaUriPointsAtItsTypesSchema() {
		ObjectNode document = AsyncApiDocument.build();
		for (EventType<?> type : EventTypes.all()) {
			String uri = type.dataSchema().toString();
			assertThat(uri).startsWith(EventType.ASYNCAPI_DOCUMENT + "#");
			JsonNode target = document.at(uri.substring(uri.indexOf('#') + 1));
			assertThat(target.path("schema").path("$id").asString()).as(uri)
				.isEqualTo("https://eventshop.example/schemas/" + type.name() + ".schema.json");
			assertThat(target.toString()).as("local references are inlined").doesNotContain("$ref");
		}
	}

	@Test
	void everyGroupHasAReceiveOperationARetryAndADeadLetterChannelPerTopic() {
		ObjectNode document = AsyncApiDocument.build();
		for (ConsumerGroup group : ConsumerGroups.all()) {
			for (String topic : group.topics()) {
				JsonNode receive = document.path("operations").path(group.name() + ".receive." + topic);
				assertThat(receive.at("/bindings/kafka/groupId/enum/0").asString()).isEqualTo(group.name());
				assertThat(receive.path("messages")).hasSize(group.types(topic).size());
				assertThat(document.path("channels").path(group.retryTopic(topic)).path("address").asString())
					.isEqualTo(topic + "." + group.name() + ".retry");
				assertThat(document.path("channels").path(group.deadLetterTopic(topic)).path("address").asString())
					.isEqualTo(topic + "." + group.name() + ".dlt");
			}
		}
	}

	private static InputStream resource(String path) {
		InputStream in = AsyncApiDocumentTests.class.getClassLoader().getResourceAsStream(path);
		assertThat(in).as("classpath resource %s", path).isNotNull();
		return in;
	}

}
