package com.eventshop.loadtests.outboxtrial;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTests {

	@Test
	void everyEventOnceAndInOrderIsAPerfectDelivery() {
		Delivery delivery = Delivery.check(Map.of("a", 3L, "b", 1L),
				List.of(read("a", 0), read("b", 0), read("a", 1), read("a", 2)));
		assertThat(delivery).isEqualTo(new Delivery(4, 4, 0, 0, 0));
	}

	@Test
	void countsWhatNeverArrived() {
		Delivery delivery = Delivery.check(Map.of("a", 3L), List.of(read("a", 0), read("a", 2)));
		assertThat(delivery.missing()).isEqualTo(1);
		assertThat(delivery.outOfOrder()).isZero();
	}

	@Test
	void aResentEventIsADuplicateNotAReordering() {
		Delivery delivery = Delivery.check(Map.of("a", 3L),
				List.of(read("a", 0), read("a", 1), read("a", 1), read("a", 2)));
		assertThat(delivery.duplicated()).isEqualTo(1);
		assertThat(delivery.outOfOrder()).isZero();
	}

	@Test
	void anEventThatArrivesAfterItsSuccessorIsOutOfOrder() {
		Delivery delivery = Delivery.check(Map.of("a", 3L, "b", 2L),
				List.of(read("a", 0), read("a", 2), read("b", 1), read("b", 0), read("a", 1)));
		assertThat(delivery.outOfOrder()).isEqualTo(2);
		assertThat(delivery.missing()).isZero();
	}

	private static Delivery.Read read(String key, long sequence) {
		return new Delivery.Read(key, sequence);
	}

}
