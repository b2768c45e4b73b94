package com.eventshop.analytics.facts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.Address;
import com.eventshop.events.Customer;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.messaging.consumer.PoisonEventException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proves that huge quantities and amounts never wrap around into a plausible fact: an
 * order whose units or money do not fit the columns is poison, one that just fits is kept
 * exactly.
 */
class OrderFactTests {

	@Test
	void unitsThatOverflowAnIntArePoisonNotANegativeCount() {
		OrderPlaced order = order("0.00", line("MUG-001", Integer.MAX_VALUE, "0.00"), line("TEE-002", 1, "0.00"));

		assertThatExceptionOfType(PoisonEventException.class).isThrownBy(() -> OrderFact.of(order))
			.withMessageContaining("more units than fit");
	}

	@Test
	void unitsThatJustFitAreCountedExactly() {
		OrderFact fact = OrderFact
			.of(order("0.00", line("MUG-001", Integer.MAX_VALUE - 1, "0.00"), line("TEE-002", 1, "0.00")));

		assertThat(fact.units()).isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void aLineTotalTooLargeForItsColumnIsPoison() {
		// 2^31 - 1 units at 9,999,999,999.99 is about
		// 2.1 * 10^19, far over numeric(14, 2).
		OrderPlaced order = order("21474836469999999997.85", line("MUG-001", Integer.MAX_VALUE, "9999999999.99"));

		assertThatExceptionOfType(PoisonEventException.class).isThrownBy(() -> OrderFact.of(order))
			.withMessageContaining("too large");
	}

	@Test
	void aTotalThatIsNotTheSumOfHugeLinesIsPoison() {
		OrderPlaced order = order("1.00", line("MUG-001", 1_000_000_000, "999.99"),
				line("TEE-002", 1_000_000_000, "0.01"));

		assertThatExceptionOfType(PoisonEventException.class).isThrownBy(() -> OrderFact.of(order))
			.withMessageContaining("lines sum to 1000000000000.00");
	}

	private static OrderPlaced order(String total, OrderPlaced.Line... lines) {
		return new OrderPlaced(UUID.randomUUID(), new Customer("c-1", "Ada", "ada@example.com"), List.of(lines),
				new BigDecimal(total), "EUR", new Address("1 Demo Street", null, "London", "SW1Y 4JH", "GB"),
				Instant.now());
	}

	private static OrderPlaced.Line line(String sku, int quantity, String unitPrice) {
		return new OrderPlaced.Line(sku, "Product " + sku, quantity, new BigDecimal(unitPrice));
	}

}
