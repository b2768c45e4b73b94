package com.eventshop.testsupport;

/**
 * A PostgreSQL database created for one test context.
 *
 * @param name database name
 * @param jdbcUrl JDBC URL of the database
 * @param username login
 * @param password password
 */
public record TestDatabase(String name, String jdbcUrl, String username, String password) {

	@Override
	public String toString() {
		return "TestDatabase[" + this.jdbcUrl + " as " + this.username + "]";
	}

}
