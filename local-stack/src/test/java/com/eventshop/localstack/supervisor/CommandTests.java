package com.eventshop.localstack.supervisor;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands of {@code scripts/local-stack.sh}: every one is found by its word and told
 * in the usage with what it takes.
 */
class CommandTests {

	/** What the script has always taken; a command dropped or renamed breaks scripts. */
	private static final List<String> SYNOPSES = List.of("up [--scale]", "start [--scale]", "stop", "status",
			"restart NAME", "kill NAME", "topics", "events TOPIC", "groups", "poison [N]", "help");

	@Test
	void theScriptTakesEveryCommandItAlwaysHas() {
		assertThat(Arrays.stream(Command.values()).map(Command::synopsis)).containsExactlyElementsOf(SYNOPSES);
	}

	@Test
	void usageTellsEveryCommandWithWhatItTakesOnALineOfItsOwn() {
		List<String> lines = Command.usage().lines().toList();
		assertThat(lines.get(0)).isEqualTo("usage: scripts/local-stack.sh COMMAND");
		for (String synopsis : SYNOPSES) {
			assertThat(lines).as(synopsis)
				.anySatisfy((line) -> assertThat(line).matches("  \\Q" + synopsis + "\\E  +\\S.*"));
		}
		assertThat(Command.usage()).contains("docs/running.md");
	}

	@Test
	void aCommandIsFoundByItsFirstWordOnly() {
		for (Command command : Command.values()) {
			assertThat(Command.named(command.synopsis().split(" ")[0])).contains(command);
		}
		assertThat(Command.named("restart NAME")).isEmpty();
		assertThat(Command.named("")).isEmpty();
		assertThat(Command.named("UP")).isEmpty();
	}

}
