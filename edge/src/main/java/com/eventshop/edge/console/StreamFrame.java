package com.eventshop.edge.console;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a live stream's source saw on one look: the event to send if it differs from what
 * was sent last.
 *
 * @param event the server-sent event's name
 * @param data the event's data (one line of JSON)
 * @param signature what tells a change: the data, or the part of it that matters (a
 * timestamp of the look itself is no change)
 * @param last send it and close the stream
 * @param settleAfter when set: once nothing has changed for this long, the stream sends
 * {@code end} and closes
 */
public record StreamFrame(String event, String data, String signature, boolean last, @Nullable Duration settleAfter) {

	/** A snapshot sent whenever its data changes. */
	public static StreamFrame of(String event, String data) {
		return new StreamFrame(event, data, data, false, null);
	}

	/** A snapshot sent whenever its signature changes. */
	public static StreamFrame of(String event, String data, String signature) {
		return new StreamFrame(event, data, signature, false, null);
	}

	/** The stream's last word. */
	public static StreamFrame last(String event, String data) {
		return new StreamFrame(event, data, data, true, null);
	}

	/** This frame, ending the stream once it has stayed unchanged for the given time. */
	public StreamFrame settlingAfter(Duration quiet) {
		return new StreamFrame(this.event, this.data, this.signature, this.last, quiet);
	}

}
