package com.eventshop.inventory.stock;

/**
 * What the order's fate does to its reservation once inventory has decided it. Each
 * method below is one column of this table, a switch over every state, so the compiler
 * insists that every pair is defined; nothing here reads or writes anything:
 *
 * <pre>
 * state     | OrderCancelled                         | OrderShipped
 * ----------+----------------------------------------+-------------------------------
 * NONE      | CANCELLED, recorded as unexpected      | unexpected
 * RESERVED  | RELEASED, units back to available,     | SHIPPED, units move from
 *           | InventoryReleased                      | reserved to shipped
 * REJECTED  | no-op                                  | unexpected
 * RELEASED  | no-op                                  | unexpected
 * SHIPPED   | unexpected                             | no-op
 * CANCELLED | no-op                                  | unexpected
 * </pre>
 *
 * {@code OrderPlaced} decides a reservation ({@link Reservations}): from NONE to RESERVED
 * or REJECTED; in any other state the order is already decided and nothing changes. The
 * callers hold the reservation's row lock, so two settlements of one order decide one
 * after the other.
 */
final class ReservationStateMachine {

	private ReservationStateMachine() {
	}

	static Outcome cancelled(ReservationState state) {
		return switch (state) {
			case RESERVED -> new Outcome.Release();
			// The placement was lost on the way (e.g. dead-lettered): remember the
			// cancellation, so a replayed placement reserves nothing.
			case NONE -> new Outcome.RememberCancellation(
					"cancelled before its placement was handled; a late placement will reserve nothing");
			case REJECTED, RELEASED, CANCELLED -> new Outcome.NoOp("nothing is reserved for the order");
			case SHIPPED -> new Outcome.Unexpected("cancelled after its goods were shipped");
		};
	}

	static Outcome shipped(ReservationState state) {
		return switch (state) {
			case RESERVED -> new Outcome.Ship();
			case SHIPPED -> new Outcome.NoOp("already shipped");
			case NONE, REJECTED, RELEASED, CANCELLED -> new Outcome.Unexpected("shipped without reserved stock");
		};
	}

	/**
	 * What an event does to a reservation.
	 */
	sealed interface Outcome {

		/**
		 * To RELEASED: the units go back to available; announced as InventoryReleased.
		 */
		record Release() implements Outcome {
		}

		/** To SHIPPED: the units move from reserved to shipped. */
		record Ship() implements Outcome {
		}

		/**
		 * A CANCELLED reservation without lines for an order not seen yet, recorded as
		 * unexpected.
		 *
		 * @param why what the unexpected-event record says
		 */
		record RememberCancellation(String why) implements Outcome {
		}

		/** Nothing changes: the event repeats what the reservation already knows. */
		record NoOp(String why) implements Outcome {
		}

		/** Nothing changes: the event does not fit the reservation's state. */
		record Unexpected(String why) implements Outcome {
		}

	}

}
