package com.eventshop.events.evolution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares a released JSON Schema with its current revision and lists every change that
 * is not both backward compatible (a new reader still reads what old writers wrote) and
 * forward compatible (an old reader, which may validate, still reads what new writers
 * write). The only changes that keep both are new optional properties and edits of
 * annotations such as {@code description}.
 * <p>
 * Constraints are compared in both directions on purpose: a tightened bound rejects data
 * already on the topics, and a loosened one lets new writers produce data that an old,
 * validating consumer sends to its dead-letter topic. Local {@code $ref}s are followed,
 * so moving a definition into {@code $defs} is not a change.
 */
final class SchemaCompatibility {

	/** Keywords that describe and never constrain. */
	private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "$defs", "title", "description",
			"examples", "default", "deprecated", "readOnly", "writeOnly");

	/** Keywords compared structurally (walked into) rather than as values. */
	private static final Set<String> STRUCTURAL = Set.of("properties", "required", "items", "$ref");

	/** Bounds where a larger value accepts more. */
	private static final Set<String> UPPER_BOUNDS = Set.of("maxLength", "maximum", "exclusiveMaximum", "maxItems",
			"maxProperties");

	/** Bounds where a smaller value accepts more. */
	private static final Set<String> LOWER_BOUNDS = Set.of("minLength", "minimum", "exclusiveMinimum", "minItems",
			"minProperties");

	private final JsonNode releasedRoot;

	private final JsonNode currentRoot;

	private final List<Violation> violations = new ArrayList<>();

	private SchemaCompatibility(JsonNode releasedRoot, JsonNode currentRoot) {
		this.releasedRoot = releasedRoot;
		this.currentRoot = currentRoot;
	}

	/**
	 * @param released the schema consumers were built against
	 * @param current the schema as it is now
	 * @return every incompatible change, empty when the current schema may replace the
	 * released one
	 */
	static List<Violation> check(JsonNode released, JsonNode current) {
		SchemaCompatibility comparison = new SchemaCompatibility(released, current);
		comparison.compare("$", released, current);
		return List.copyOf(comparison.violations);
	}

	private void compare(String path, JsonNode releasedNode, JsonNode currentNode) {
		JsonNode released = resolve(this.releasedRoot, releasedNode);
		JsonNode current = resolve(this.currentRoot, currentNode);
		compareProperties(path, released, current);
		compareRequired(path, released, current);
		if (released.has("items") || current.has("items")) {
			if (released.has("items") && current.has("items")) {
				compare(path + "[]", released.get("items"), current.get("items"));
			}
			else {
				report(path, Rule.CHANGED_KEYWORD, "items was " + (released.has("items") ? "removed" : "added"));
			}
		}
		Set<String> keywords = new TreeSet<>();
		keywords.addAll(released.propertyNames());
		keywords.addAll(current.propertyNames());
		for (String keyword : keywords) {
			if (ANNOTATIONS.contains(keyword) || STRUCTURAL.contains(keyword)) {
				continue;
			}
			JsonNode before = released.get(keyword);
			JsonNode after = current.get(keyword);
			if (before == null || after == null || !before.equals(after)) {
				compareKeyword(path, keyword, before, after);
			}
		}
	}

	private void compareProperties(String path, JsonNode released, JsonNode current) {
		JsonNode before = released.path("properties");
		JsonNode after = current.path("properties");
		for (String name : before.propertyNames()) {
			String property = path + "." + name;
			if (!after.has(name)) {
				report(property, Rule.REMOVED_PROPERTY,
						"the property was removed or renamed; readers that use it would no longer find it");
			}
			else {
				compare(property, before.get(name), after.get(name));
			}
		}
	}

	private void compareRequired(String path, JsonNode released, JsonNode current) {
		Set<String> before = strings(released.path("required"));
		Set<String> after = strings(current.path("required"));
		for (String name : after) {
			if (!before.contains(name)) {
				report(path + "." + name, Rule.NEW_REQUIRED_PROPERTY,
						"the property became required; events from older writers do not have it");
			}
		}
		for (String name : before) {
			if (!after.contains(name)) {
				report(path + "." + name, Rule.NO_LONGER_REQUIRED,
						"the property became optional; older readers count on it being there");
			}
		}
	}

	private void compareKeyword(String path, String keyword, JsonNode before, JsonNode after) {
		String change = describe(keyword, before, after);
		switch (keyword) {
			case "type" -> report(path, Rule.CHANGED_TYPE, change);
			case "enum", "const" -> compareEnum(path, keyword, before, after);
			case "format" -> report(path, Rule.CHANGED_FORMAT, change);
			case "pattern" -> report(path, Rule.CHANGED_PATTERN, change);
			case "additionalProperties", "unevaluatedProperties" -> report(path, Rule.CHANGED_OPEN_CONTENT, change);
			default -> {
				if (UPPER_BOUNDS.contains(keyword) || LOWER_BOUNDS.contains(keyword)) {
					report(path, tightened(keyword, before, after) ? Rule.TIGHTENED_BOUND : Rule.LOOSENED_BOUND,
							change);
				}
				else {
					report(path, Rule.CHANGED_KEYWORD, change);
				}
			}
		}
	}

	private void compareEnum(String path, String keyword, JsonNode before, JsonNode after) {
		Set<JsonNode> released = values(before);
		Set<JsonNode> current = values(after);
		if (released.isEmpty() || !current.containsAll(released)) {
			report(path, Rule.NARROWED_ENUM, describe(keyword, before, after));
		}
		else {
			report(path, Rule.WIDENED_ENUM, describe(keyword, before, after));
		}
	}

	private static boolean tightened(String keyword, JsonNode before, JsonNode after) {
		if (before == null) {
			return true;
		}
		if (after == null || !before.isNumber() || !after.isNumber()) {
			return false;
		}
		int order = after.decimalValue().compareTo(before.decimalValue());
		return UPPER_BOUNDS.contains(keyword) ? order < 0 : order > 0;
	}

	private static Set<JsonNode> values(JsonNode node) {
		Set<JsonNode> values = new LinkedHashSet<>();
		if (node == null) {
			return values;
		}
		if (node.isArray()) {
			node.forEach(values::add);
		}
		else {
			values.add(node);
		}
		return values;
	}

	private static Set<String> strings(JsonNode array) {
		Set<String> names = new LinkedHashSet<>();
		array.forEach((name) -> names.add(name.asString()));
		return names;
	}

	private static String describe(String keyword, JsonNode before, JsonNode after) {
		return keyword + " " + ((before != null) ? before.toString() : "(none)") + " -> "
				+ ((after != null) ? after.toString() : "(none)");
	}

	/**
	 * The schema a node stands for: a {@code $ref}'s target, with the keywords written
	 * beside the {@code $ref} on top (in 2020-12 they constrain as well).
	 */
	private static JsonNode resolve(JsonNode root, JsonNode node) {
		JsonNode resolved = node;
		for (int hops = 0; resolved.has("$ref") && hops < 16; hops++) {
			String ref = resolved.get("$ref").asString();
			if (!ref.startsWith("#")) {
				throw new IllegalArgumentException("Only local $refs are supported: " + ref);
			}
			JsonNode target = root.at(ref.substring(1));
			if (target.isMissingNode()) {
				throw new IllegalArgumentException("Unresolvable $ref " + ref);
			}
			ObjectNode merged = ((ObjectNode) target).deepCopy();
			resolved.properties().forEach((keyword) -> {
				if (!keyword.getKey().equals("$ref")) {
					merged.set(keyword.getKey(), keyword.getValue());
				}
			});
			resolved = merged;
		}
		return resolved;
	}

	private void report(String path, Rule rule, String detail) {
		this.violations.add(new Violation(path, rule, detail));
	}

	/**
	 * Why a change breaks readers.
	 */
	enum Rule {

		/** A property disappeared (a rename is a removal plus an addition). */
		REMOVED_PROPERTY,

		/** An existing or new property became required. */
		NEW_REQUIRED_PROPERTY,

		/** A required property became optional. */
		NO_LONGER_REQUIRED,

		/** The JSON type changed, narrowed or widened. */
		CHANGED_TYPE,

		/** An allowed value was removed. */
		NARROWED_ENUM,

		/** A value was added that older readers do not know. */
		WIDENED_ENUM,

		/** A {@code format} was added, removed or changed. */
		CHANGED_FORMAT,

		/** A {@code pattern} was added, removed or changed. */
		CHANGED_PATTERN,

		/** A length, size or range bound now rejects values it accepted. */
		TIGHTENED_BOUND,

		/** A bound now accepts values that older, validating readers reject. */
		LOOSENED_BOUND,

		/** {@code additionalProperties} changed. */
		CHANGED_OPEN_CONTENT,

		/** Any other constraint keyword changed. */
		CHANGED_KEYWORD

	}

	/**
	 * One incompatible change.
	 *
	 * @param path where, as {@code $.lines[].sku}
	 * @param rule the rule it breaks
	 * @param detail what changed
	 */
	record Violation(String path, Rule rule, String detail) {

		@Override
		public String toString() {
			return this.path + ": " + this.rule + " (" + this.detail + ")";
		}

	}

}
