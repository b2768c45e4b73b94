package com.eventshop.order.ordering;

import com.eventshop.order.OrderServiceTest;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The running order service with a {@link SagaDriver} that plays inventory and shipping
 * against it, opened once per test class.
 */
@OrderServiceTest
@TestInstance(Lifecycle.PER_CLASS)
abstract class SagaTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TestInfrastructure infrastructure;

	@Autowired
	EventPublisher publisher;

	SagaDriver saga;

	@BeforeAll
	void openSaga() {
		this.saga = new SagaDriver(new OrderApi(this.port, this.jdbc), this.jdbc, this.meters, this.publisher,
				this.infrastructure.kafkaBootstrapServers());
	}

	@AfterAll
	void closeSaga() {
		this.saga.close();
	}

}
