package com.eventshop.shipping.shipment;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import com.eventshop.shipping.shipment.ShipmentStateMachine.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Walks every (state, event) pair of {@link ShipmentStateMachine} against the table in
 * its Javadoc, without Spring, a database or a broker.
 */
class ShipmentStateMachineTests {

	private static final Outcome READY = new Outcome.Ready();

	private static final Outcome STOP_REJECTED = new Outcome.Stop(Outcome.Stop.Why.REJECTED);

	private static final Outcome STOP_CANCELLED = new Outcome.Stop(Outcome.Stop.Why.CANCELLED);

	private static final Outcome STOP_GRANTED = new Outcome.Stop(Outcome.Stop.Why.CANCELLATION_GRANTED);

	private static final Outcome DISPATCH = new Outcome.Dispatch();

	private static final Outcome TOO_LATE = new Outcome.TooLate();

	private static final Outcome NO_OP = new Outcome.NoOp("");

	private static final Outcome UNEXPECTED = new Outcome.Unexpected("");

	@Test
	void orderConfirmed() {
		assertColumn(ShipmentStateMachine::confirmed,
				Map.of(ShipmentState.NONE, UNEXPECTED, ShipmentState.AWAITING_STOCK, READY,
						ShipmentState.READY_TO_DISPATCH, NO_OP, ShipmentState.DISPATCHED, NO_OP,
						ShipmentState.CANCELLED, UNEXPECTED));
	}

	@Test
	void orderRejected() {
		assertColumn(ShipmentStateMachine::rejected,
				Map.of(ShipmentState.NONE, UNEXPECTED, ShipmentState.AWAITING_STOCK, STOP_REJECTED,
						ShipmentState.READY_TO_DISPATCH, UNEXPECTED, ShipmentState.DISPATCHED, UNEXPECTED,
						ShipmentState.CANCELLED, NO_OP));
	}

	@Test
	void orderCancellationRequested() {
		assertColumn(ShipmentStateMachine::cancellationRequested,
				Map.of(ShipmentState.NONE, UNEXPECTED, ShipmentState.AWAITING_STOCK, STOP_GRANTED,
						ShipmentState.READY_TO_DISPATCH, STOP_GRANTED, ShipmentState.DISPATCHED, TOO_LATE,
						ShipmentState.CANCELLED, NO_OP));
	}

	@Test
	void orderCancelled() {
		assertColumn(ShipmentStateMachine::cancelled,
				Map.of(ShipmentState.NONE, UNEXPECTED, ShipmentState.AWAITING_STOCK, STOP_CANCELLED,
						ShipmentState.READY_TO_DISPATCH, STOP_CANCELLED, ShipmentState.DISPATCHED, UNEXPECTED,
						ShipmentState.CANCELLED, NO_OP));
	}

	@Test
	void dispatchDue() {
		assertColumn(ShipmentStateMachine::dispatchDue,
				Map.of(ShipmentState.NONE, UNEXPECTED, ShipmentState.AWAITING_STOCK, UNEXPECTED,
						ShipmentState.READY_TO_DISPATCH, DISPATCH, ShipmentState.DISPATCHED, NO_OP,
						ShipmentState.CANCELLED, NO_OP));
	}

	@Test
	void storedStatesAreTheColumnValues() {
		for (ShipmentState state : ShipmentState.values()) {
			if (state != ShipmentState.NONE) {
				assertThat(ShipmentState.stored(state.name())).isEqualTo(state);
			}
		}
		assertThatIllegalArgumentException().isThrownBy(() -> ShipmentState.stored("NONE"));
	}

	/**
	 * Checks one column: every state has a row, and each gives the outcome expected (a
	 * no-op or an unexpected event by kind, with a reason).
	 */
	private static void assertColumn(Function<ShipmentState, Outcome> column, Map<ShipmentState, Outcome> expected) {
		assertThat(new EnumMap<>(expected).keySet()).as("every state has a row")
			.containsExactly(ShipmentState.values());
		expected.forEach((state, outcome) -> {
			Outcome actual = column.apply(state);
			switch (outcome) {
				case Outcome.NoOp noOp -> assertThat(actual).as(state.name())
					.isInstanceOfSatisfying(Outcome.NoOp.class, (op) -> assertThat(op.why()).isNotBlank());
				case Outcome.Unexpected unexpected -> assertThat(actual).as(state.name())
					.isInstanceOfSatisfying(Outcome.Unexpected.class, (op) -> assertThat(op.why()).isNotBlank());
				default -> assertThat(actual).as(state.name()).isEqualTo(outcome);
			}
		});
	}

}
