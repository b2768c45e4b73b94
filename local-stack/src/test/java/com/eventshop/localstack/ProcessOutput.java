package com.eventshop.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Everything a process prints, collected as it runs, so a test can wait for a line and
 * show the whole output when something fails.
 */
final class ProcessOutput {

	private final StringBuffer text = new StringBuffer();

	private final Thread pump;

	private ProcessOutput(Process process) {
		this.pump = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					this.text.append(line).append('\n');
				}
			}
			catch (IOException ex) {
				this.text.append("(output unreadable: ").append(ex).append(")\n");
			}
		}, "output of " + process.pid());
		this.pump.setDaemon(true);
		this.pump.start();
	}

	static ProcessOutput of(Process process) {
		return new ProcessOutput(process);
	}

	/**
	 * Everything the process printed, once its output has ended (the process and every
	 * process it left the output to have closed it): no guess at how long reading takes.
	 */
	String awaitEnd() throws InterruptedException {
		this.pump.join();
		return text();
	}

	String text() {
		return this.text.toString();
	}

	boolean contains(String part) {
		return this.text.indexOf(part) >= 0;
	}

	@Override
	public String toString() {
		return text();
	}

}
