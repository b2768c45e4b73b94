package com.eventshop.email;

import com.eventshop.testsupport.WithTestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service boots against a real database and broker and migrates its messaging schema.
 */
@SpringBootTest
@WithTestInfrastructure
class EmailServiceApplicationTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void bootsAndMigratesTheMessagingSchema() {
		assertThat(this.jdbc.sql("select count(*) from messaging.outbox").query(Long.class).single()).isZero();
	}

}
