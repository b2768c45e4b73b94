package com.eventshop.localstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code scripts/local-stack.sh} tells without starting anything: its commands on
 * {@code help}, and the same as an error when it is given no command or a wrong one. The
 * commands themselves are {@link LocalStackTests}'.
 */
class LocalStackScriptTests {

	private static final Pattern COMMAND = Pattern.compile("^  ([a-z]+)");

	@TempDir
	Path dir;

	@Test
	void helpTellsEveryCommand() throws Exception {
		Run help = run("help");
		assertThat(help.exit()).as(help.err()).isZero();
		assertThat(help.err()).isEmpty();
		assertThat(help.out()).startsWith("usage: scripts/local-stack.sh COMMAND")
			.contains("  up [--scale] ", "  start [--scale] ", "  stop ", "  status ", "  restart NAME ",
					"  kill NAME ", "  topics ", "  events TOPIC ", "  groups ", "  poison [N] ", "  help ")
			.contains("docs/running.md");
	}

	@Test
	void noCommandOrAWrongOneIsAnErrorThatTellsTheCommands() throws Exception {
		String usage = run("help").out();
		Run nothing = run();
		assertThat(nothing.exit()).isEqualTo(2);
		assertThat(nothing.out()).isEmpty();
		assertThat(nothing.err()).isEqualTo(usage);
		Run wrong = run("stat");
		assertThat(wrong.exit()).isEqualTo(2);
		assertThat(wrong.out()).isEmpty();
		assertThat(wrong.err()).isEqualTo("local-stack: no such command: stat\n" + usage);
	}

	@Test
	void runningMdTellsEveryCommandTheScriptTakes() throws Exception {
		String running = Repository.read("docs/running.md");
		List<String> commands = run("help").out()
			.lines()
			.map(COMMAND::matcher)
			.filter(Matcher::find)
			.map((matcher) -> matcher.group(1))
			.toList();
		assertThat(commands).hasSizeGreaterThan(10);
		assertThat(commands).allSatisfy((command) -> assertThat(running).as("docs/running.md")
			.containsAnyOf("`scripts/local-stack.sh " + command, "`" + command + "`", "`" + command + " "));
	}

	private Run run(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("scripts/local-stack.sh"));
		command.addAll(List.of(arguments));
		File out = this.dir.resolve("out").toFile();
		File err = this.dir.resolve("err").toFile();
		Process process = new ProcessBuilder(command).directory(Repository.root().toFile())
			.redirectOutput(out)
			.redirectError(err)
			.start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
		return new Run(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
	}

	private record Run(int exit, String out, String err) {
	}

}
