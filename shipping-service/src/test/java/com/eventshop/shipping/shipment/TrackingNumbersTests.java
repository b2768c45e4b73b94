package com.eventshop.shipping.shipment;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracking numbers carry the UPU S10 check digit, so that a mistyped number is caught.
 */
class TrackingNumbersTests {

	@Test
	void theCheckDigitIsTheS10One() {
		// The standard's own example is AA473124829GB.
		assertThat(TrackingNumbers.of(47_312_482)).isEqualTo("ES473124829DE");
		assertThat(TrackingNumbers.of(0)).as("a remainder of 0 checks as 5").isEqualTo("ES000000005DE");
		assertThat(TrackingNumbers.of(8)).as("a remainder of 1 checks as 0").isEqualTo("ES000000080DE");
		assertThat(TrackingNumbers.of(99_999_999)).isEqualTo("ES999999995DE");
	}

	@Test
	void randomNumbersHaveTheShapeOfTheStandard() {
		Random random = new Random(42);
		for (int i = 0; i < 1_000; i++) {
			assertThat(TrackingNumbers.random(random)).matches("ES[0-9]{9}DE");
		}
	}

}
