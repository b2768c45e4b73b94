package com.eventshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A process's log file as a log shipper reads one written with {@code LOG_FORMAT=ecs}:
 * every line one JSON object.
 */
final class JsonLogFile {

	// "{...} more" is not one JSON object either.
	private static final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private JsonLogFile() {
	}

	/**
	 * The file's complete lines, each parsed; the last one only once its line break is
	 * written, since the process may still be writing it.
	 * @throws AssertionError naming the file, the line number and the line when a line is
	 * not a JSON object
	 */
	static List<JsonNode> read(Path file) {
		String text;
		try {
			text = Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> lines = text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
		List<JsonNode> entries = new ArrayList<>(lines.size());
		for (int index = 0; index < lines.size(); index++) {
			entries.add(parse(file, index + 1, lines.get(index)));
		}
		return entries;
	}

	private static JsonNode parse(Path file, int number, String line) {
		String problem = "line " + number + " of " + file + " is not a JSON object: " + line;
		JsonNode entry;
		try {
			entry = json.readTree(line);
		}
		catch (JacksonException ex) {
			throw new AssertionError(problem, ex);
		}
		if (!entry.isObject()) {
			throw new AssertionError(problem);
		}
		return entry;
	}

}
