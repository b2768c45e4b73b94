package com.eventshop.shipping.shipment;

/**
 * What each event does to a shipment in each state. Each method below is one column of
 * this table, a switch over every state, so the compiler insists that every pair is
 * defined; nothing here reads or writes anything:
 *
 * <pre>
 * state             | OrderConfirmed            | OrderRejected | OrderCancellationRequested | OrderCancelled | dispatch due
 * ------------------+---------------------------+---------------+----------------------------+----------------+-------------------
 * NONE              | unexpected                | unexpected    | unexpected                 | unexpected     | unexpected
 * AWAITING_STOCK    | READY_TO_DISPATCH, due    | CANCELLED     | CANCELLED,                 | CANCELLED      | unexpected
 *                   | after the warehouse delay |               | ShipmentCancelled          |                |
 * READY_TO_DISPATCH | no-op                     | unexpected    | CANCELLED,                 | CANCELLED      | DISPATCHED,
 *                   |                           |               | ShipmentCancelled          |                | ShipmentDispatched
 * DISPATCHED        | no-op                     | unexpected    | stays, TOO_LATE            | unexpected     | no-op
 * CANCELLED         | unexpected                | no-op         | no-op                      | no-op          | no-op
 * </pre>
 *
 * A confirmed order is cancelled only with shipping's consent: the order service asks
 * ({@code OrderCancellationRequested}) and waits. Shipping grants it while the parcel is
 * still in the warehouse ({@code ShipmentCancelled}, after which it never dispatches it);
 * once dispatched, the {@code ShipmentDispatched} it already sent is the answer, and the
 * request is recorded as TOO_LATE. {@code OrderCancelled} therefore comes for a pending
 * order (the shipment is still AWAITING_STOCK) or after shipping granted the cancellation
 * (it is CANCELLED); for a dispatched shipment it would mean that the order released
 * stock that left the warehouse, so it is recorded as unexpected.
 * <p>
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

	static Outcome cancellationRequested(ShipmentState state) {
		return switch (state) {
			case AWAITING_STOCK, READY_TO_DISPATCH -> new Outcome.Stop(Outcome.Stop.Why.CANCELLATION_GRANTED);
			// The parcel is with the carrier: the request lost the race, and the
			// ShipmentDispatched sent then is the answer.
			case DISPATCHED -> new Outcome.TooLate();
			case CANCELLED -> new Outcome.NoOp("already cancelled");
			case NONE -> new Outcome.Unexpected("cancellation requested without a shipment");
		};
	}

	static Outcome cancelled(ShipmentState state) {
		return switch (state) {
			case AWAITING_STOCK, READY_TO_DISPATCH -> new Outcome.Stop(Outcome.Stop.Why.CANCELLED);
			case DISPATCHED -> new Outcome.Unexpected("order cancelled although its shipment was dispatched");
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
				 * The customer cancelled a pending order (recorded as the cancellation's
				 * outcome).
				 */
				CANCELLED,

				/**
				 * Shipping granted the customer's request to cancel a confirmed order
				 * (recorded as the cancellation's outcome, announced as
				 * ShipmentCancelled).
				 */
				CANCELLATION_GRANTED

			}

		}

		/** To DISPATCHED, with a tracking number, announced as ShipmentDispatched. */
		record Dispatch() implements Outcome {
		}

		/** Stays DISPATCHED; the cancellation request is recorded as TOO_LATE. */
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
