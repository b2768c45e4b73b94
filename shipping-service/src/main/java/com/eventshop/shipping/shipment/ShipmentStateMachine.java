package com.eventshop.shipping.shipment;

/**
 * What each event does to a shipment in each state. Each method below is one column of
 * this table, a switch over every state, so the compiler insists that every pair is
 * defined; nothing here reads or writes anything:
 *
 * <pre>
 * state             | OrderConfirmed              | OrderRejected | OrderCancelled                 | dispatch due
 * ------------------+-----------------------------+---------------+--------------------------------+-------------
 * NONE              | unexpected                  | unexpected    | unexpected                     | unexpected
 * AWAITING_STOCK    | READY_TO_DISPATCH, due      | CANCELLED     | CANCELLED                      | unexpected
 *                   | after the warehouse delay   |               |                                |
 * READY_TO_DISPATCH | no-op                       | unexpected    | CANCELLED                      | DISPATCHED, ShipmentDispatched
 * DISPATCHED        | no-op                       | unexpected    | stays, cancellation TOO_LATE   | no-op
 * CANCELLED         | unexpected                  | no-op         | no-op                          | no-op
 * </pre>
 *
 * "dispatch due" is the {@link ShipmentDispatcher} finding the shipment's warehouse delay
 * passed. The callers hold the shipment's row lock, so a cancellation and a dispatch of
 * one shipment decide one after the other: a cancellation either stops the shipment or
 * finds it dispatched, never both.
 */
final class ShipmentStateMachine {

	private ShipmentStateMachine() {
	}

	static Outcome confirmed(ShipmentState state) {
		return switch (state) {
			case AWAITING_STOCK -> new Outcome.Ready();
			case READY_TO_DISPATCH, DISPATCHED -> new Outcome.NoOp("already confirmed");
			case NONE, CANCELLED -> new Outcome.Unexpected("confirmed without a shipment to send");
		};
	}

	static Outcome rejected(ShipmentState state) {
		return switch (state) {
			case AWAITING_STOCK -> new Outcome.Stop(Outcome.Stop.Why.REJECTED);
			case CANCELLED -> new Outcome.NoOp("already cancelled");
			case NONE -> new Outcome.Unexpected("rejected without a shipment");
			case READY_TO_DISPATCH, DISPATCHED -> new Outcome.Unexpected("rejected after it was confirmed");
		};
	}

	static Outcome cancelled(ShipmentState state) {
		return switch (state) {
			case AWAITING_STOCK, READY_TO_DISPATCH -> new Outcome.Stop(Outcome.Stop.Why.CANCELLED);
			// The parcel is with the carrier: the cancellation lost the race.
			case DISPATCHED -> new Outcome.TooLate();
			case CANCELLED -> new Outcome.NoOp("already cancelled");
			case NONE -> new Outcome.Unexpected("cancelled without a shipment");
		};
	}

	static Outcome dispatchDue(ShipmentState state) {
		return switch (state) {
			case READY_TO_DISPATCH -> new Outcome.Dispatch();
			case DISPATCHED, CANCELLED -> new Outcome.NoOp("no longer waiting for dispatch");
			case NONE, AWAITING_STOCK -> new Outcome.Unexpected("dispatch due for a shipment that is not ready");
		};
	}

	/**
	 * What an event does to a shipment.
	 */
	sealed interface Outcome {

		/** To READY_TO_DISPATCH, due once the warehouse delay has passed. */
		record Ready() implements Outcome {
		}

		/**
		 * To CANCELLED: the shipment will never be sent.
		 *
		 * @param why what stopped it
		 */
		record Stop(Why why) implements Outcome {

			enum Why {

				/** Inventory could not reserve the order. */
				REJECTED,

				/**
				 * The customer cancelled the order (recorded as its cancellation
				 * outcome).
				 */
				CANCELLED

			}

		}

		/** To DISPATCHED, with a tracking number, announced as ShipmentDispatched. */
		record Dispatch() implements Outcome {
		}

		/** Stays DISPATCHED; the cancellation is recorded as TOO_LATE. */
		record TooLate() implements Outcome {
		}

		/** Nothing changes: the event repeats what the shipment already knows. */
		record NoOp(String why) implements Outcome {
		}

		/** Nothing changes: the event does not fit the shipment's state. */
		record Unexpected(String why) implements Outcome {
		}

	}

}
