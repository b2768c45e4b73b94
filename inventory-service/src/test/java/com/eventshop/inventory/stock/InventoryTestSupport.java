package com.eventshop.inventory.stock;

import java.time.Duration;

import com.eventshop.events.Topics;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TestInfrastructure;
import com.eventshop.testsupport.TopicReader;
import com.eventshop.testsupport.TopicReaders;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the inventory's event tests share: the service's database, a publisher to feed it
 * events, and a reader of what it announces on {@code shop.inventory.v1}.
 */
@InventoryServiceTest
abstract class InventoryTestSupport {

	static final Duration TIMEOUT = Duration.ofMinutes(3);

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestInfrastructure infrastructure;

	@Autowired
	EventPublisher publisher;

	@Autowired
	TopicReaders topics;

	TopicReader inventoryEvents;

	@BeforeEach
	void readInventoryEvents() {
		// closed by the test infrastructure after each test
		this.inventoryEvents = this.topics.open(Topics.INVENTORY);
	}

}
