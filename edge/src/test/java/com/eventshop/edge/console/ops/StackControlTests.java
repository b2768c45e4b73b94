package com.eventshop.edge.console.ops;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the panel tells an action's outcome from what the supervisor's command line
 * printed: done, failed with its output, or done with the poison it injected.
 */
class StackControlTests {

	@Test
	void aPoisonActionKeepsTheKeyAndEventIdTheCommandPrinted() {
		StackControl.Action action = new StackControl.Action("poison", StackControl.POISONED_TOPIC, Instant.now());
		action.end("""
				>>> local-stack: injected poison on shop.orders.v1: key 0a, event id 0b
				local-stack: injected poison on shop.orders.v1: key 1a, event id 1b
				local-stack: injected poison on shop.orders.v1: key 2a, event id 2b
				""");
		assertThat(action.getOutcome()).isEqualTo("done: injected poison on shop.orders.v1: key 1a, event id 1b; "
				+ "injected poison on shop.orders.v1: key 2a, event id 2b");
	}

	@Test
	void aKillThatWorkedIsDoneAndOneThatFailedSaysHow() {
		StackControl.Action kill = new StackControl.Action("kill", "inventory", Instant.now());
		kill.end("local-stack: killed inventory (pid 42)\n");
		assertThat(kill.getOutcome()).isEqualTo("done");
		StackControl.Action poison = new StackControl.Action("poison", StackControl.POISONED_TOPIC, Instant.now());
		poison.end("failed (exit 1): local-stack: Kafka is not running\n");
		assertThat(poison.getOutcome()).isEqualTo("failed (exit 1): local-stack: Kafka is not running");
	}

}
