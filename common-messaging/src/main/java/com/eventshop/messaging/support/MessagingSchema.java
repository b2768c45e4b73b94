package com.eventshop.messaging.support;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Migrates the {@code messaging} schema (outbox, inbox, dead-letter audit) of a service's
 * database. It has its own Flyway history inside that schema, so it never interferes with
 * the service's own migrations of {@code public}, in whichever order the two run.
 */
public final class MessagingSchema {

	/** The PostgreSQL schema that holds the messaging tables. */
	public static final String NAME = "messaging";

	/**
	 * The bean's name. Beans that use the messaging tables declare
	 * {@code @DependsOn(MessagingSchema.BEAN_NAME)}: the tables exist before they are
	 * created, whether or not they hold a reference to this bean.
	 */
	public static final String BEAN_NAME = "messagingSchema";

	private final int applied;

	public MessagingSchema(DataSource dataSource) {
		this.applied = Flyway.configure()
			.dataSource(dataSource)
			.schemas(NAME)
			.createSchemas(true)
			.locations("classpath:eventshop/messaging/db")
			.load()
			.migrate().migrationsExecuted;
	}

	/** Migrations applied when this instance started. */
	public int applied() {
		return this.applied;
	}

}
