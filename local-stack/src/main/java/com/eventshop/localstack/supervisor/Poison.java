package com.eventshop.localstack.supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Poison for the orders topic, as {@code scripts/local-stack.sh poison [N]} publishes it
 * with Kafka's console producer: a record with the headers of an order-placed event whose
 * value is cut off in the middle, so that no consumer can ever read it and every consumer
 * group dead-letters it. Each record has its own key and event id, and its value names
 * where it came from, so that an operator finds it on the desk.
 */
final class Poison {

	/**
	 * {@code Topics.ORDERS}: the supervisor runs on the JDK alone, without the events
	 * module on its class path.
	 */
	static final String TOPIC = "shop.orders.v1";

	/** {@code EventTypes.ORDER_PLACED_V1}: a type every consumer of the topic handles. */
	static final String TYPE = "shop.order.placed.v1";

	/** The CloudEvents source the records carry, and the marker in their value. */
	static final String SOURCE = "/local-stack/poison";

	/** How the console producer is told to read a line: headers, key, value. */
	static final List<String> READER_PROPERTIES = List.of("parse.headers=true", "headers.delimiter=\t",
			"headers.separator=,", "headers.key.separator=:", "parse.key=true", "key.separator=\t");

	private Poison() {
	}

	/** {@code count} records, each with a fresh key and event id. */
	static List<Record> records(int count, Supplier<UUID> ids) {
		if (count < 1 || count > 1000) {
			throw new IllegalArgumentException("usage: local-stack.sh poison [N], N from 1 to 1000");
		}
		List<Record> records = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			records.add(new Record(ids.get(), ids.get()));
		}
		return records;
	}

	/**
	 * One poison record.
	 *
	 * @param key the record's key (an order id no order has)
	 * @param eventId its {@code ce_id}
	 */
	record Record(UUID key, UUID eventId) {

		/** The value: JSON cut off after its first fields, which name the record. */
		String value() {
			return "{\"orderId\": \"" + this.key + "\", \"poison\": \"" + SOURCE + "\", \"lines\": [";
		}

		/** The line the console producer reads: headers, tab, key, tab, value. */
		String line() {
			String headers = String.join(",", "ce_specversion:1.0", "ce_id:" + this.eventId, "ce_source:" + SOURCE,
					"ce_type:" + TYPE, "ce_subject:" + this.key, "ce_correlationid:" + this.key,
					"content-type:application/json");
			return headers + "\t" + this.key + "\t" + value();
		}

		/** What the command prints about it. */
		String told() {
			return "poison on " + TOPIC + ": key " + this.key + ", event id " + this.eventId;
		}

	}

}
