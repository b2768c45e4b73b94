package com.eventshop.events;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding in binary content
 * mode, plus the extensions EventShop uses. The record value carries only the event's
 * JSON data.
 */
public final class CloudEventHeaders {

	public static final String SPEC_VERSION = "ce_specversion";

	public static final String ID = "ce_id";

	public static final String SOURCE = "ce_source";

	public static final String TYPE = "ce_type";

	public static final String TIME = "ce_time";

	public static final String SUBJECT = "ce_subject";

	/**
	 * The URI of the data's schema: the type's entry in the system's AsyncAPI document
	 * (see {@link EventType#dataSchema()}).
	 */
	public static final String DATA_SCHEMA = "ce_dataschema";

	/**
	 * Extension: the order id or request correlation shared by every event of one flow.
	 */
	public static final String CORRELATION_ID = "ce_correlationid";

	/** Extension: the id of the event that caused this one. */
	public static final String CAUSATION_ID = "ce_causationid";

	/**
	 * Binary mode carries the data content type in the plain {@code content-type} header.
	 */
	public static final String CONTENT_TYPE = "content-type";

	/** W3C trace context. */
	public static final String TRACEPARENT = "traceparent";

	public static final String SPEC_VERSION_VALUE = "1.0";

	public static final String JSON = "application/json";

	private CloudEventHeaders() {
	}

}
