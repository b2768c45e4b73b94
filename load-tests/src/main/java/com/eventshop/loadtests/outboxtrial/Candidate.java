package com.eventshop.loadtests.outboxtrial;

import java.util.Map;

import com.eventshop.events.order.OrderPlaced;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One outbox under trial: how its Spring context is made, how an event goes into it (in
 * the caller's transaction), and where its table keeps the state of each event.
 */
abstract class Candidate {

	private final String name;

	private final OutboxTable table;

	Candidate(String name, OutboxTable table) {
		this.name = name;
		this.table = table;
	}

	String name() {
		return this.name;
	}

	OutboxTable table() {
		return this.table;
	}

	/**
	 * The configuration class of its context (it imports the auto-configuration it
	 * needs).
	 */
	abstract Class<?> configuration();

	/** Its own settings, besides the database and broker every context gets. */
	abstract Map<String, Object> properties();

	/** Appends one event through the library's API, inside the caller's transaction. */
	abstract void append(ApplicationContext context, OrderPlaced event);

	/**
	 * Copies the newest row, which the library wrote itself, {@code events} times as
	 * unpublished rows with fresh ids and keys bound for {@code topic}: a backlog exactly
	 * as the library would have left it, written in one statement.
	 */
	abstract void cloneBacklog(JdbcClient jdbc, int events, String topic);

	/**
	 * The topic the outage stream goes to ({@code suggested} unless the library fixes
	 * it).
	 */
	String outageTopic(String suggested) {
		return suggested;
	}

	/**
	 * Makes a started context publish a backlog left in its table: nothing for a library
	 * that polls its table.
	 */
	void startPublishing(ApplicationContext context) {
	}

	/** Whether failed publications go out again only when something resubmits them. */
	boolean needsResubmission() {
		return false;
	}

	/**
	 * Resubmits what is not completed, once (only where {@link #needsResubmission()}).
	 */
	void resubmit(ApplicationContext context) {
		throw new UnsupportedOperationException(this.name + " needs no resubmission");
	}

	/**
	 * Where a library keeps its events and their state.
	 *
	 * @param name the table
	 * @param pending the condition of an event not yet acknowledged by Kafka
	 * @param failed the condition of an event the library gave up on
	 * @param appendedAt the column of the time the event was appended
	 * @param completedAt the column of the time it was marked published
	 */
	record OutboxTable(String name, String pending, String failed, String appendedAt, String completedAt) {
	}

}
