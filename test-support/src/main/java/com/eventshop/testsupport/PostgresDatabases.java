package com.eventshop.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates and drops databases on one PostgreSQL server through an administrative login.
 */
final class PostgresDatabases {

	private static final AtomicInteger counter = new AtomicInteger();

	private final String adminUrl;

	private final String username;

	private final String password;

	private final List<String> created = new CopyOnWriteArrayList<>();

	/**
	 * @param adminUrl JDBC URL of a database to connect to for {@code CREATE DATABASE}
	 * @param username a login with {@code CREATEDB}
	 * @param password its password
	 */
	PostgresDatabases(String adminUrl, String username, String password) {
		this.adminUrl = adminUrl;
		this.username = username;
		this.password = password;
	}

	void checkLogin() throws SQLException {
		try (Connection connection = connect()) {
			connection.isValid(3);
		}
	}

	TestDatabase create() {
		String name = "es_test_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet() + "_"
				+ Long.toString(System.nanoTime() & 0xffffff, 36);
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name + " at " + this.adminUrl, ex);
		}
		this.created.add(name);
		return new TestDatabase(name, withDatabase(name), this.username, this.password);
	}

	/** Drops every database this instance created; connections still open are cut. */
	void dropAll() {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String name : this.created) {
				statement.execute("drop database if exists " + name + " with (force)");
			}
		}
		catch (SQLException ex) {
			System.err.println("Could not drop test databases " + this.created + ": " + ex.getMessage());
		}
	}

	private Connection connect() throws SQLException {
		DriverManager.setLoginTimeout(5);
		return DriverManager.getConnection(this.adminUrl, this.username, this.password);
	}

	/** The admin URL with its database replaced, keeping any query parameters. */
	private String withDatabase(String name) {
		int query = this.adminUrl.indexOf('?');
		String base = (query < 0) ? this.adminUrl : this.adminUrl.substring(0, query);
		String params = (query < 0) ? "" : this.adminUrl.substring(query);
		return base.substring(0, base.lastIndexOf('/') + 1) + name + params;
	}

}
