package com.eventshop.shipping.shipment;

import java.util.random.RandomGenerator;

/**
 * Tracking numbers in the shape of the UPU S10 standard that postal carriers use:
 * {@code ES}, an eight-digit serial, its check digit, {@code DE}; e.g.
 * {@code ES473124829DE}. The serial is random rather than counted, so that one customer's
 * number does not lead to the next customer's parcel.
 */
final class TrackingNumbers {

	private static final int[] WEIGHTS = { 8, 6, 4, 2, 3, 5, 9, 7 };

	private TrackingNumbers() {
	}

	/** A tracking number with a random serial. */
	static String random(RandomGenerator random) {
		return of(random.nextInt(100_000_000));
	}

	/** The tracking number of a serial from 0 to 99,999,999. */
	static String of(int serial) {
		String digits = "%08d".formatted(serial);
		int sum = 0;
		for (int i = 0; i < WEIGHTS.length; i++) {
			sum += (digits.charAt(i) - '0') * WEIGHTS[i];
		}
		int check = 11 - sum % 11;
		check = switch (check) {
			case 10 -> 0;
			case 11 -> 5;
			default -> check;
		};
		return "ES" + digits + check + "DE";
	}

}
