package com.eventshop.messaging.deadletter;

/**
 * No dead letter of this service at that topic, partition and offset.
 */
public class DeadLetterNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	DeadLetterNotFoundException(DeadLetter.Ref ref) {
		super("No dead letter of this service at " + ref.topic() + "-" + ref.partition() + "@" + ref.offset());
	}

}
