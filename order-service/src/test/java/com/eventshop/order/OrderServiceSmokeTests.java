package com.eventshop.order;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@OrderServiceTest
class OrderServiceSmokeTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void migratesCatalogAndMessagingSchema() {
		assertThat(this.jdbc.sql("select count(*) from product").query(Long.class).single()).isEqualTo(10);
		assertThat(this.jdbc.sql("select count(*) from messaging.outbox").query(Long.class).single()).isZero();
	}

}
