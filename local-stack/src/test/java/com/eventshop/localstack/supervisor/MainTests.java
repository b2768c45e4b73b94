package com.eventshop.localstack.supervisor;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How {@code up} and {@code start} take {@code --scale}: as the setting every process of
 * the stack is given, and nothing else in its place.
 */
class MainTests {

	private static final Map<String, String> ENVIRONMENT = Map.of("LOCAL_STACK_DIR", "/tmp/stack");

	@Test
	void scaleTurnsTheScaledStackOnBesidesTheEnvironment() {
		assertThat(Main.scalable(new String[] { "up", "--scale" }, ENVIRONMENT))
			.containsExactlyInAnyOrderEntriesOf(Map.of("LOCAL_STACK_DIR", "/tmp/stack", "LOCAL_STACK_SCALE", "true"));
		assertThat(Main.scalable(new String[] { "start", "--scale" }, ENVIRONMENT)).containsEntry("LOCAL_STACK_SCALE",
				"true");
	}

	@Test
	void withoutScaleTheEnvironmentDecides() {
		assertThat(Main.scalable(new String[] { "up" }, ENVIRONMENT)).isEqualTo(ENVIRONMENT);
		assertThat(Main.scalable(new String[] { "start" }, Map.of("LOCAL_STACK_SCALE", "true")))
			.containsEntry("LOCAL_STACK_SCALE", "true");
	}

	@Test
	void anyOtherArgumentIsRefusedRatherThanStartingAnUnscaledStack() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Main.scalable(new String[] { "up", "--scaled" }, ENVIRONMENT))
			.withMessage("usage: local-stack.sh up [--scale]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Main.scalable(new String[] { "start", "--scale", "now" }, ENVIRONMENT))
			.withMessage("usage: local-stack.sh start [--scale]");
	}

}
