package com.eventshop.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * Opens {@link TopicReader}s on the test broker. A test context of
 * {@link WithTestInfrastructure} has one as a bean; every reader it opened is closed
 * after the test method that opened it (and, at the latest, with the context), so a test
 * only opens what it reads.
 */
public final class TopicReaders implements AutoCloseable {

	private final String bootstrapServers;

	private final List<TopicReader> open = new ArrayList<>();

	TopicReaders(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * A reader of the topic from the beginning of every partition, closed after the
	 * current test method.
	 */
	public synchronized TopicReader open(String topic) {
		TopicReader reader = new TopicReader(this.bootstrapServers, topic);
		this.open.add(reader);
		return reader;
	}

	/** Closes every reader opened so far. */
	@Override
	public synchronized void close() {
		this.open.forEach(TopicReader::close);
		this.open.clear();
	}

}
