package com.eventshop.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps a service's OpenAPI document in {@code docs/api/<service>.json} equal to what the
 * running service serves at {@code /v3/api-docs}, so that a changed API is a visible diff
 * in review. After an intended change, rewrite the copies with <pre>
 * ./mvnw -pl &lt;service&gt; -am verify -Dtest='*ApiDocumentTests' -Dsurefire.failIfNoSpecifiedTests=false -Deventshop.contracts.write=true
 * </pre>
 */
public final class ApiDocuments {

	public static final String WRITE_PROPERTY = "eventshop.contracts.write";

	/** Sorted and indented, so that the same API always reads as the same bytes. */
	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
		.build();

	private ApiDocuments() {
	}

	/**
	 * Fetches the service's document and compares it with the committed copy (or writes
	 * it, with {@code -Deventshop.contracts.write=true}).
	 * @param service the service's name, which names the file
	 * @param port where the service listens
	 */
	public static void assertCommitted(String service, int port) throws IOException, InterruptedException {
		String served = served(port);
		// Surefire runs in the service module's directory.
		Path committed = Path.of("..", "docs", "api", service + ".json");
		if (Boolean.getBoolean(WRITE_PROPERTY)) {
			Files.createDirectories(committed.getParent());
			Files.writeString(committed, served, StandardCharsets.UTF_8);
		}
		assertThat(committed).as("run with -D%s=true to write it", WRITE_PROPERTY).exists();
		assertThat(Files.readString(committed, StandardCharsets.UTF_8))
			.as("docs/api/%s.json is out of date: rewrite it with -D%s=true and commit it", service, WRITE_PROPERTY)
			.isEqualTo(served);
	}

	private static String served(int port) throws IOException, InterruptedException {
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build()) {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
					.timeout(Duration.ofSeconds(60))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("GET /v3/api-docs").isEqualTo(200);
			JsonNode document = mapper.readTree(response.body());
			return mapper.writeValueAsString(document) + "\n";
		}
	}

}
