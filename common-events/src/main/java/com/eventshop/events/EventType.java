package com.eventshop.events;

import java.net.URI;

/**
 * One versioned event type: its CloudEvents type name, the topic it is published to, and
 * the record it reads into. A breaking change is a new type (a new {@code ...vN} name),
 * never a change of an existing one.
 *
 * @param <T> the event record
 * @param name the CloudEvents {@code type}, e.g. {@code shop.order.placed.v1}
 * @param topic the topic it is published to
 * @param javaType the record it reads into
 */
public record EventType<T extends ShopEvent>(String name, String topic, Class<T> javaType) {

	/**
	 * Where the system's AsyncAPI document is published; {@code docs/asyncapi.yaml} in
	 * the repository.
	 */
	public static final String ASYNCAPI_DOCUMENT = "https://eventshop.example/asyncapi.yaml";

	/**
	 * The CloudEvents {@code dataschema} of this type: its JSON Schema in the AsyncAPI
	 * document, {@code <document>#/components/schemas/<name>}.
	 */
	public URI dataSchema() {
		return URI.create(ASYNCAPI_DOCUMENT + "#/components/schemas/" + this.name);
	}

	/** Classpath location of this type's JSON Schema. */
	public String schemaResource() {
		return "eventshop/schemas/" + this.name + ".schema.json";
	}

	/** Classpath location of this type's golden example. */
	public String goldenResource() {
		return "eventshop/golden/" + this.name + ".json";
	}

}
