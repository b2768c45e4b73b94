package com.eventshop.order.config;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionBudgetTests {

	@Test
	void requestThreadsBelowThePoolLeaveConnectionsFree() {
		assertThat(budget(16, 20, false).warning()).isNull();
	}

	@Test
	void requestThreadsAsManyAsThePoolAreWarnedAbout() {
		assertThat(budget(6, 6, false).warning()).contains("server.tomcat.threads.max (6)", "pool (6)");
	}

	@Test
	void aVirtualThreadPerRequestIsWarnedAbout() {
		assertThat(budget(4, 20, true).warning()).contains("virtual threads");
	}

	private static ConnectionBudget budget(int threads, int pool, boolean virtual) {
		return new ConnectionBudget(
				new MockEnvironment().withProperty("server.tomcat.threads.max", String.valueOf(threads))
					.withProperty("spring.datasource.hikari.maximum-pool-size", String.valueOf(pool))
					.withProperty("spring.threads.virtual.enabled", String.valueOf(virtual)));
	}

}
