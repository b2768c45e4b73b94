package com.eventshop.order.config;

import javax.sql.DataSource;

import com.eventshop.testsupport.WithTestInfrastructure;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every wait on the database has a limit: a connection from the pool, a statement, a
 * lock, a transaction left idle, and the socket (a half-open connection otherwise hangs a
 * thread until TCP keepalive notices, hours later).
 */
@SpringBootTest
@WithTestInfrastructure
class DatabaseTimeoutsTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void sessionsOfThePoolHaveStatementLockAndIdleTransactionTimeouts() {
		assertThat(show("statement_timeout")).isEqualTo("30s");
		assertThat(show("lock_timeout")).isEqualTo("10s");
		assertThat(show("idle_in_transaction_session_timeout")).isEqualTo("1min");
	}

	@Test
	void connectionsAndSocketsWaitABoundedTime() {
		HikariDataSource pool = (HikariDataSource) this.dataSource;
		assertThat(pool.getConnectionTimeout()).isEqualTo(10_000);
		assertThat(pool.getDataSourceProperties()).containsEntry("socketTimeout", "60")
			.containsEntry("tcpKeepAlive", "true");
	}

	private String show(String setting) {
		return this.jdbc.sql("show " + setting).query(String.class).single();
	}

}
