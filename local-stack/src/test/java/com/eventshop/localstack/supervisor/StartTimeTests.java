package com.eventshop.localstack.supervisor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process's start, as recorded for another invocation of the supervisor, tells that
 * process apart from one started later, and reads the same every time.
 */
class StartTimeTests {

	private Process first;

	private Process second;

	@AfterEach
	void end() {
		for (Process process : new Process[] { this.first, this.second }) {
			if (process != null) {
				process.destroyForcibly();
			}
		}
	}

	@Test
	void aProcessMatchesItsOwnStartAndNotAnotherOnes() throws Exception {
		this.first = new ProcessBuilder("sleep", "60").start();
		String recorded = StartTime.of(this.first.toHandle()).orElseThrow();
		// Clock ticks are hundredths of a second: the second starts a few ticks later.
		Thread.sleep(100);
		this.second = new ProcessBuilder("sleep", "60").start();

		assertThat(StartTime.of(this.first.toHandle())).contains(recorded);
		assertThat(StartTime.matches(this.first.toHandle(), recorded)).isTrue();
		assertThat(StartTime.matches(this.second.toHandle(), recorded)).isFalse();
	}

	@Test
	void onLinuxTheStartIsReadInTicksSinceBoot() throws Exception {
		this.first = new ProcessBuilder("sleep", "60").start();
		if (Files.isReadable(Path.of("/proc/self/stat"))) {
			assertThat(StartTime.of(this.first.toHandle()))
				.hasValueSatisfying((start) -> assertThat(start).matches("ticks:[0-9]+"));
		}
	}

	@Test
	void aRecordInMillisecondsIsComparedWithTheJdksInstant() throws Exception {
		this.first = new ProcessBuilder("sleep", "60").start();
		String millis = Long.toString(this.first.toHandle().info().startInstant().orElseThrow().toEpochMilli());

		assertThat(StartTime.matches(this.first.toHandle(), millis)).isTrue();
		assertThat(StartTime.matches(this.first.toHandle(), "12345")).isFalse();
	}

}
