package com.eventshop.inventory.stock;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import com.eventshop.inventory.stock.ReservationStateMachine.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Walks every (state, event) pair of {@link ReservationStateMachine} against the table in
 * its Javadoc, without Spring, a database or a broker.
 */
class ReservationStateMachineTests {

	private static final Outcome RELEASE = new Outcome.Release();

	private static final Outcome SHIP = new Outcome.Ship();

	private static final Outcome REMEMBER = new Outcome.RememberCancellation("");

	private static final Outcome NO_OP = new Outcome.NoOp("");

	private static final Outcome UNEXPECTED = new Outcome.Unexpected("");

	@Test
	void orderCancelled() {
		assertColumn(ReservationStateMachine::cancelled,
				Map.of(ReservationState.NONE, REMEMBER, ReservationState.RESERVED, RELEASE, ReservationState.REJECTED,
						NO_OP, ReservationState.RELEASED, NO_OP, ReservationState.SHIPPED, UNEXPECTED,
						ReservationState.CANCELLED, NO_OP));
	}

	@Test
	void orderShipped() {
		assertColumn(ReservationStateMachine::shipped,
				Map.of(ReservationState.NONE, UNEXPECTED, ReservationState.RESERVED, SHIP, ReservationState.REJECTED,
						UNEXPECTED, ReservationState.RELEASED, UNEXPECTED, ReservationState.SHIPPED, NO_OP,
						ReservationState.CANCELLED, UNEXPECTED));
	}

	@Test
	void storedStatesAreTheColumnValues() {
		for (ReservationState state : ReservationState.values()) {
			if (state != ReservationState.NONE) {
				assertThat(ReservationState.stored(state.name())).isEqualTo(state);
			}
		}
		assertThatIllegalArgumentException().isThrownBy(() -> ReservationState.stored("NONE"));
	}

	/**
	 * Checks one column: every state has a row, and each gives the outcome expected (a
	 * no-op, an unexpected event or a remembered cancellation by kind, with a reason).
	 */
	private static void assertColumn(Function<ReservationState, Outcome> column,
			Map<ReservationState, Outcome> expected) {
		assertThat(new EnumMap<>(expected).keySet()).as("every state has a row")
			.containsExactly(ReservationState.values());
		expected.forEach((state, outcome) -> {
			Outcome actual = column.apply(state);
			switch (outcome) {
				case Outcome.NoOp noOp -> assertThat(actual).as(state.name())
					.isInstanceOfSatisfying(Outcome.NoOp.class, (op) -> assertThat(op.why()).isNotBlank());
				case Outcome.Unexpected unexpected -> assertThat(actual).as(state.name())
					.isInstanceOfSatisfying(Outcome.Unexpected.class, (op) -> assertThat(op.why()).isNotBlank());
				case Outcome.RememberCancellation remember -> assertThat(actual).as(state.name())
					.isInstanceOfSatisfying(Outcome.RememberCancellation.class,
							(op) -> assertThat(op.why()).isNotBlank());
				default -> assertThat(actual).as(state.name()).isEqualTo(outcome);
			}
		});
	}

}
