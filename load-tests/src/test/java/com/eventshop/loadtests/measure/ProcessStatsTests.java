package com.eventshop.loadtests.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessStatsTests {

	@Test
	void cpuTimeIsUserPlusSystemTicks() {
		// a command name with spaces and parentheses, as a JVM thread name can have
		String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 123 0 0 0 1500 250 0 0 20 0 40 0 100 "
				+ "5000000000 120000 18446744073709551615";
		assertThat(ProcessStats.cpuMillis(stat)).isEqualTo((1500 + 250) * 10);
	}

	@Test
	void residentMemoryComesFromVmRss() {
		String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  412345 kB\nThreads:\t40\n";
		assertThat(ProcessStats.residentKiB(status)).hasValue(412345);
	}

	@Test
	void thisProcessCanBeRead() {
		assertThat(ProcessStats.read(ProcessHandle.current().pid())).hasValueSatisfying((reading) -> {
			assertThat(reading.rssKiB()).isPositive();
			assertThat(reading.cpuMillis()).isNotNegative();
		});
	}

	@Test
	void aProcessThatIsGoneReadsAsNothing() {
		assertThat(ProcessStats.read(Long.MAX_VALUE)).isEmpty();
	}

	@Test
	void postgresBackendsAreRecognisedByTheirLogin() {
		assertThat(ProcessStats.isBackendOf("postgres: 15/main: bench_orders bench_orders 127.0.0.1(5432) idle ",
				"bench_"))
			.isTrue();
		assertThat(
				ProcessStats.isBackendOf("postgres: 15/main: corpus_orders corpus_orders 127.0.0.1(1) idle", "bench_"))
			.isFalse();
		assertThat(ProcessStats.isBackendOf("postgres: 15/main: checkpointer ", "bench_")).isFalse();
		assertThat(ProcessStats.isBackendOf("java -jar bench_orders.jar", "bench_")).isFalse();
	}

	@Test
	void theServersBackgroundProcessesAreToldFromBackends() {
		assertThat(ProcessStats.isBackgroundProcess("postgres: 15/main: checkpointer ")).isTrue();
		assertThat(ProcessStats.isBackgroundProcess("postgres: 15/main: background writer ")).isTrue();
		assertThat(ProcessStats.isBackgroundProcess("postgres: 15/main: walwriter ")).isTrue();
		assertThat(ProcessStats.isBackgroundProcess("postgres: 15/main: autovacuum worker bench_orders")).isTrue();
		assertThat(
				ProcessStats.isBackgroundProcess("postgres: 15/main: bench_orders bench_orders 127.0.0.1(5432) idle "))
			.isFalse();
		assertThat(ProcessStats.isBackgroundProcess("java -jar checkpointer.jar")).isFalse();
	}

	@Test
	void aGroupKeepsTheCpuOfMembersThatExitedSoItNeverFalls() {
		List<Map<Long, ProcessStats.Reading>> readings = new ArrayList<>(
				List.of(Map.of(1L, new ProcessStats.Reading(5_000, 10), 2L, new ProcessStats.Reading(300, 20)),
						// 1 spent 200 more, 3 is new
						Map.of(1L, new ProcessStats.Reading(5_200, 10), 2L, new ProcessStats.Reading(300, 20), 3L,
								new ProcessStats.Reading(50, 30)),
						// 1 exited after spending 5,200 ms: a plain sum would fall by
						// that much
						Map.of(2L, new ProcessStats.Reading(400, 20), 3L, new ProcessStats.Reading(70, 30)),
						// PID 2 taken by a new process that has spent less than the old
						// one had
						Map.of(2L, new ProcessStats.Reading(10, 5), 3L, new ProcessStats.Reading(70, 30))));
		ProcessStats.Group group = new ProcessStats.Group((command) -> true, (which) -> readings.removeFirst());

		assertThat(group.read()).isEqualTo(new ProcessStats.Reading(5_300, 30));
		assertThat(group.read()).isEqualTo(new ProcessStats.Reading(5_550, 60));
		assertThat(group.read()).isEqualTo(new ProcessStats.Reading(5_670, 50));
		assertThat(group.read()).isEqualTo(new ProcessStats.Reading(5_680, 35));
	}

}
