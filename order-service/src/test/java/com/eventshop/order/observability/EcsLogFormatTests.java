package com.eventshop.order.observability;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.eventshop.events.EventTypes;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.WithTestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code LOG_FORMAT=ecs} as compose runs it: the order service started with it writes
 * every line as one JSON object, and a line written while it handles an event names the
 * service, the trace, the order and the event. Its own context, since the log format is
 * set when a context starts. The tests' own logback file (test-support) writes plain text
 * whatever the format, so this one uses {@code logback-ecs-test.xml}: the same loggers,
 * with the console appender Boot uses for a structured format.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "LOG_FORMAT=ecs", "logging.structured.format.console=ecs",
				"logging.config=classpath:logback-ecs-test.xml" })
@WithTestInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class EcsLogFormatTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	EventPublisher publisher;

	@Test
	void aLineWrittenWhileHandlingAnEventIsJsonWithTheServiceTraceOrderAndEvent(CapturedOutput output) {
		// An event about an order this service does not have: the saga records it as
		// unexpected and logs a warning while handling it.
		UUID orderId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		String traceId = UUID.randomUUID().toString().replace("-", "");
		this.publisher.publish(EventTypes.INVENTORY_RESERVED_V1.topic(), orderId.toString(),
				EventTypes.INVENTORY_RESERVED_V1.name(), eventId,
				EventPublisher.bytes(EventPublisher.golden(EventTypes.INVENTORY_RESERVED_V1, orderId)),
				Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

		JsonNode line = await().atMost(Duration.ofMinutes(2))
			.until(() -> lineAbout(output, eventId), Optional::isPresent)
			.orElseThrow();

		assertThat(field(line, "service.name")).isEqualTo("order-service");
		assertThat(field(line, "log.level")).isEqualTo("WARN");
		assertThat(field(line, "traceId")).isEqualTo(traceId);
		assertThat(field(line, "orderId")).isEqualTo(orderId.toString());
		assertThat(field(line, "eventId")).isEqualTo(eventId.toString());
		assertThat(field(line, "message")).contains(eventId.toString());
	}

	/** The JSON line that reports the event as unexpected, once it has been written. */
	private static Optional<JsonNode> lineAbout(CapturedOutput output, UUID eventId) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains(eventId.toString()) && line.contains("unexpected") && line.startsWith("{"))
			.map(JSON::readTree)
			.findFirst();
	}

	/**
	 * A field by its ECS name, nested ({@code {"service":{"name":…}}}) as Boot writes
	 * dotted names, or flat as the logging context's keys are.
	 */
	private static String field(JsonNode line, String name) {
		if (line.has(name)) {
			return line.get(name).asString();
		}
		JsonNode node = line;
		for (String part : name.split("\\.")) {
			node = node.path(part);
		}
		return node.asString();
	}

}
