package com.eventshop.messaging.consumer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A held event is handled later from what was stored of it, so its headers (CloudEvents
 * attributes, the trace) must come back exactly: names, values, order, repeats and absent
 * values.
 */
class HeldSequencesTests {

	@Test
	void headersComeBackExactlyAsTheyWereStored() {
		Headers headers = new RecordHeaders();
		headers.add("ce_id", "0b7e8a52-6a8c-4e53-9c6f-2f3c1e1f0a11".getBytes(StandardCharsets.UTF_8));
		headers.add("ce_type", "shop.order.confirmed.v1".getBytes(StandardCharsets.UTF_8));
		headers.add("traceparent", "00-aa-bb-01".getBytes(StandardCharsets.UTF_8));
		headers.add("traceparent", "00-cc-dd-01".getBytes(StandardCharsets.UTF_8));
		headers.add("empty", new byte[0]);
		headers.add("absent", null);
		headers.add("binary with spaces", new byte[] { 0, 10, 32, -1 });

		Headers decoded = HeldSequences.decode(HeldSequences.encode(headers));

		assertThat(describe(decoded)).isEqualTo(describe(headers));
	}

	private static String describe(Headers headers) {
		StringBuilder text = new StringBuilder();
		for (Header header : headers) {
			text.append(header.key())
				.append('=')
				.append((header.value() != null) ? Arrays.toString(header.value()) : "null")
				.append(';');
		}
		return text.toString();
	}

}
