package com.eventshop.loadtests.outboxtrial;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh database per library on the local PostgreSQL, its outbox table's state, and the
 * server's counters of its transactions and written rows ({@code pg_stat_database}).
 */
final class TrialDatabase {

	private final String host;

	private final String user;

	private final String password;

	private final String name;

	private final JdbcClient jdbc;

	/** Statements this class ran against the database since it began counting. */
	private long ownStatements;

	TrialDatabase(String host, String user, String password, String name) throws SQLException {
		this.host = host;
		this.user = user;
		this.password = password;
		this.name = name;
		try (Connection admin = DriverManager.getConnection(url("postgres"), user, password);
				Statement statement = admin.createStatement()) {
			statement.execute("drop database if exists " + name + " with (force)");
			statement.execute("create database " + name);
		}
		this.jdbc = JdbcClient.create(new DriverManagerDataSource(url(name), user, password));
	}

	String url() {
		return url(this.name);
	}

	String user() {
		return this.user;
	}

	String password() {
		return this.password;
	}

	JdbcClient jdbc() {
		return this.jdbc;
	}

	long count(String table, String condition) {
		this.ownStatements++;
		return this.jdbc.sql("select count(*) from " + table + " where " + condition).query(Long.class).single();
	}

	/** The earliest and latest of a time column over rows matching a condition. */
	Span span(String table, String column, String condition) {
		this.ownStatements++;
		return this.jdbc
			.sql("select count(*), min(" + column + "), max(" + column + ") from " + table + " where " + condition)
			.query((row, n) -> new Span(row.getLong(1), instant(row.getTimestamp(2)), instant(row.getTimestamp(3))))
			.single();
	}

	/** The server's counters for this database, less the statements this class ran. */
	Counters counters() throws SQLException {
		try (Connection admin = DriverManager.getConnection(url("postgres"), this.user, this.password)) {
			Map<String, Object> row = JdbcClient
				.create(new org.springframework.jdbc.datasource.SingleConnectionDataSource(admin, true))
				.sql("""
						select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted
						from pg_stat_database where datname = ?""")
				.param(this.name)
				.query()
				.singleRow();
			return new Counters(((Number) row.get("xact_commit")).longValue() - this.ownStatements,
					((Number) row.get("xact_rollback")).longValue(), ((Number) row.get("tup_inserted")).longValue(),
					((Number) row.get("tup_updated")).longValue(), ((Number) row.get("tup_deleted")).longValue());
		}
	}

	private String url(String database) {
		return "jdbc:postgresql://" + this.host + "/" + database;
	}

	private static Instant instant(java.sql.Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : Instant.EPOCH;
	}

	/** Rows matching, and the first and last time of a column among them. */
	record Span(long rows, Instant first, Instant last) {

		double seconds() {
			return (this.last.toEpochMilli() - this.first.toEpochMilli()) / 1000.0;
		}

	}

	/** A snapshot of {@code pg_stat_database}'s counters. */
	record Counters(long commits, long rollbacks, long inserted, long updated, long deleted) {

		Counters minus(Counters before) {
			return new Counters(this.commits - before.commits, this.rollbacks - before.rollbacks,
					this.inserted - before.inserted, this.updated - before.updated, this.deleted - before.deleted);
		}

	}

}
