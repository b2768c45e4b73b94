package com.eventshop.localstack.supervisor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
		// The second must start in a later clock tick than the first: wait until the
		// kernel's time since boot has passed the first's start.
		long firstTick = Long.parseLong(recorded.substring("ticks:".length()));
		await().atMost(Duration.ofMinutes(1)).until(() -> ticksSinceBoot() > firstTick + 1);
		this.second = new ProcessBuilder("sleep", "60").start();

		assertThat(StartTime.of(this.first.toHandle())).contains(recorded);
		assertThat(StartTime.matches(this.first.toHandle(), recorded)).isTrue();
		assertThat(StartTime.matches(this.second.toHandle(), recorded)).isFalse();
	}

	/** {@code /proc/uptime} in hundredths of a second, the unit of a start in ticks. */
	private static long ticksSinceBoot() throws Exception {
		String uptime = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
		return Math.round(Double.parseDouble(uptime) * 100);
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
