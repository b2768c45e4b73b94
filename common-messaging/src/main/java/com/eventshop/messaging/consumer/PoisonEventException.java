package com.eventshop.messaging.consumer;

/**
 * A record that no retry can fix: unreadable bytes, missing CloudEvents headers, a type
 * or version this build does not know, data that breaks its schema, or a key or subject
 * that names another order than the data. It goes straight to the dead-letter topic so
 * that it never blocks its partition.
 */
public class PoisonEventException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	public PoisonEventException(Reason reason, String message) {
		super(reason + ": " + message);
		this.reason = reason;
	}

	public PoisonEventException(Reason reason, String message, Throwable cause) {
		super(reason + ": " + message, cause);
		this.reason = reason;
	}

	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a record is poison.
	 */
	public enum Reason {

		/** A required CloudEvents header is missing or malformed. */
		MISSING_HEADER,

		/** The bytes are not JSON, or not JSON of the event's shape. */
		UNREADABLE,

		/** A version of a known event type that this build does not know. */
		UNKNOWN_VERSION,

		/** An event type that this build does not know at all. */
		UNKNOWN_TYPE,

		/** Readable, but it breaks the event's JSON Schema. */
		INVALID,

		/**
		 * The record's key or {@code ce_subject} names another order than its data.
		 */
		WRONG_ORDER

	}

}
