package com.eventshop.events.evolution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The gate in {@code ./mvnw verify}: every event type's current schema is compatible with
 * the schema released to consumers, every type has been released, and no released type
 * has disappeared.
 * <p>
 * Releasing copies the current schemas over the released ones after checking them: <pre>
 * ./mvnw -pl common-events verify -Dtest=SchemaEvolutionGateTests -Deventshop.schemas.release=true
 * </pre> It refuses an incompatible change: that has to be a new type ({@code ...v2}).
 */
class SchemaEvolutionGateTests {

	static final String RELEASE_PROPERTY = "eventshop.schemas.release";

	static final String RELEASE_COMMAND = "./mvnw -pl common-events verify -Dtest=SchemaEvolutionGateTests -D"
			+ RELEASE_PROPERTY + "=true";

	/** Surefire runs in the module's directory. */
	private static final Path RELEASED = Path.of("src", "test", "resources", "released");

	private static final JsonMapper mapper = JsonMapper.builder().build();

	static List<EventType<?>> types() {
		return EventTypes.all();
	}

	@ParameterizedTest
	@MethodSource("types")
	void currentSchemaIsCompatibleWithTheReleasedOne(EventType<?> type) throws IOException {
		Path released = releasedFile(type);
		if (releasing()) {
			release(type, released);
		}
		if (!Files.exists(released)) {
			fail("%s has no released schema at %s. A new type is released once, on purpose: run %s", type.name(),
					released, RELEASE_COMMAND);
		}
		List<SchemaCompatibility.Violation> violations = SchemaCompatibility.check(mapper.readTree(released.toFile()),
				current(type));
		assertThat(violations)
			.as("%s changed incompatibly since its release; publish a new type (...v%d) instead", type.name(),
					version(type) + 1)
			.isEmpty();
	}

	@Test
	void everyReleasedTypeIsStillKnown() throws IOException {
		Set<Path> known = EventTypes.all()
			.stream()
			.map(SchemaEvolutionGateTests::releasedFile)
			.collect(Collectors.toSet());
		List<Path> orphans = new ArrayList<>();
		try (Stream<Path> files = Files.walk(RELEASED)) {
			files.filter((file) -> file.toString().endsWith(".json"))
				.filter((file) -> !known.contains(file))
				.forEach(orphans::add);
		}
		assertThat(orphans).as("released types that the registry no longer has; consumers may still read them")
			.isEmpty();
	}

	private static void release(EventType<?> type, Path released) throws IOException {
		JsonNode current = current(type);
		if (Files.exists(released)) {
			List<SchemaCompatibility.Violation> violations = SchemaCompatibility
				.check(mapper.readTree(released.toFile()), current);
			assertThat(violations).as("refusing to release an incompatible %s", type.name()).isEmpty();
		}
		Files.createDirectories(released.getParent());
		try (InputStream in = resource(type.schemaResource())) {
			Files.write(released, in.readAllBytes());
		}
	}

	/** {@code shop.order.placed.v1} is released as {@code shop.order.placed/v1.json}. */
	static Path releasedFile(EventType<?> type) {
		String name = type.name();
		int dot = name.lastIndexOf('.');
		return RELEASED.resolve(name.substring(0, dot)).resolve(name.substring(dot + 1) + ".json");
	}

	private static int version(EventType<?> type) {
		return Integer.parseInt(type.name().substring(type.name().lastIndexOf(".v") + 2));
	}

	private static JsonNode current(EventType<?> type) throws IOException {
		try (InputStream in = resource(type.schemaResource())) {
			return mapper.readTree(in);
		}
	}

	private static boolean releasing() {
		return Boolean.getBoolean(RELEASE_PROPERTY);
	}

	private static InputStream resource(String path) {
		InputStream in = SchemaEvolutionGateTests.class.getClassLoader().getResourceAsStream(path);
		assertThat(in).as("classpath resource %s", path).isNotNull();
		return in;
	}

}
