package com.eventshop.loadtests.measure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The stack's databases on the one PostgreSQL server, whose clock is the benchmark's
 * clock. Each service's database and login have the same name (and password), with the
 * stack's prefix.
 *
 * @param host server host
 * @param port server port
 * @param prefix the local stack's {@code LOCAL_STACK_DB_PREFIX}
 * @param adminUser a login that may create databases
 * @param adminPassword its password
 */
public record Databases(String host, int port, String prefix, String adminUser, String adminPassword) {

	/** The stack database of a service, by its unprefixed name: orders, inventory, ... */
	public Connection service(String database) throws SQLException {
		String name = this.prefix + database;
		return DriverManager.getConnection(url(name), name, name);
	}

	/** A database through the admin login. */
	public Connection admin(String database) throws SQLException {
		return DriverManager.getConnection(url(database), this.adminUser, this.adminPassword);
	}

	/**
	 * The one value that a query of one row and one column returns, read on a service's
	 * database as its owner.
	 */
	public <T> T value(String database, String sql, Class<T> type) throws SQLException {
		try (Connection connection = service(database);
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet row = statement.executeQuery()) {
			row.next();
			return row.getObject(1, type);
		}
	}

	public String url(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

}
