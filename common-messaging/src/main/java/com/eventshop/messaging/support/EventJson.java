package com.eventshop.messaging.support;

import com.eventshop.events.ShopEvent;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads event data as JSON. It has its own mapper, independent of the
 * service's HTTP mapper, so that a web setting can never change the wire format of an
 * event. Readers are tolerant: unknown fields are ignored.
 */
public final class EventJson {

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	public byte[] write(ShopEvent event) {
		return this.mapper.writeValueAsBytes(event);
	}

	public <T> T read(byte[] data, Class<T> type) {
		return this.mapper.readValue(data, type);
	}

	public JsonMapper mapper() {
		return this.mapper;
	}

}
