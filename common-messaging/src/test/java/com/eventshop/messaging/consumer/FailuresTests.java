package com.eventshop.messaging.consumer;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTests {

	@ParameterizedTest
	@ValueSource(strings = { "25006", "53100", "53300", "55P03", "57014", "57P01", "57P02", "57P03", "08001", "08006",
			"40001", "40P01" })
	void databaseStatesOfTheInfrastructureAreInfrastructure(String state) {
		SQLException sql = new SQLException("failed", state);
		assertThat(Failures.isInfrastructure(new UncategorizedSQLException("insert", "insert ...", sql))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "23505", "23502", "22001", "42P01", "42703", "P0001" })
	void databaseStatesOfTheDataOrTheCodeAreNot(String state) {
		SQLException sql = new SQLException("failed", state);
		assertThat(Failures.isInfrastructure(new UncategorizedSQLException("insert", "insert ...", sql))).isFalse();
	}

	@Test
	void connectionsTimeoutsAndKafkaRetriablesAreInfrastructure() {
		assertThat(Failures.isInfrastructure(new CannotGetJdbcConnectionException("no connection",
				new SQLTransientConnectionException("pool timed out"))))
			.isTrue();
		assertThat(Failures.isInfrastructure(
				new CannotCreateTransactionException("no transaction", new ConnectException("Connection refused"))))
			.isTrue();
		assertThat(Failures.isInfrastructure(new QueryTimeoutException("cancelled"))).isTrue();
		assertThat(
				Failures.isInfrastructure(new IllegalStateException("send failed", new TimeoutException("metadata"))))
			.isTrue();
	}

	@Test
	void poisonAndBugsAreNot() {
		assertThat(Failures.isInfrastructure(new DataIntegrityViolationException("duplicate"))).isFalse();
		assertThat(Failures.isInfrastructure(new NullPointerException())).isFalse();
		assertThat(Failures.isInfrastructure(new IllegalStateException("wrapped",
				new PoisonEventException(PoisonEventException.Reason.INVALID, "bad", new QueryTimeoutException("x")))))
			.isFalse();
	}

}
