package com.eventshop.inventory.stock;

import java.time.Duration;
import java.util.UUID;

import com.eventshop.events.EventTypes;
import com.eventshop.events.Topics;
import com.eventshop.inventory.stock.Inventory.Level;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TestInfrastructure;
import com.eventshop.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.eventshop.inventory.stock.Inventory.line;
import static com.eventshop.inventory.stock.Inventory.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that huge quantities never wrap around: an order whose repeated lines of one SKU
 * add up to more units than an int holds is poison, dead-lettered as invalid, and
 * reserves nothing, rather than being checked against stock as a small or negative
 * number.
 */
@InventoryServiceTest
class QuantityOverflowTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestInfrastructure infrastructure;

	@Test
	void repeatedLinesWhoseUnitsOverflowAnIntAreDeadLetteredAndReserveNothing() {
		String sku = Inventory.newSku();
		Inventory.stock(this.jdbc, sku, 10);
		UUID orderId = UUID.randomUUID();
		String key = orderId.toString();
		String deadLetters = Topics.deadLetter(Topics.ORDERS, "inventory");
		try (TopicReader reader = new TopicReader(this.infrastructure.kafkaBootstrapServers(), deadLetters);
				EventPublisher publisher = new EventPublisher(this.infrastructure.kafkaBootstrapServers())) {
			// Integer.MAX_VALUE + 2 wraps around to
			// Integer.MIN_VALUE + 1 in int arithmetic.
			publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(),
					orderPlaced(orderId, line(sku, Integer.MAX_VALUE), line(sku, 2)));

			reader.awaitRecords(TIMEOUT, (records) -> !reader.withKey(key).isEmpty());

			assertThat(reader.withKey(key)).extracting((record) -> TopicReader.header(record, "eventshop_dlt_reason"))
				.containsExactly("INVALID");
		}
		assertThat(Inventory.level(this.jdbc, sku)).isEqualTo(new Level(10, 0));
		assertThat(Inventory.reservation(this.jdbc, orderId)).isEmpty();
	}

}
