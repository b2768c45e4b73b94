package com.eventshop.loadtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.eventshop.loadtests.load.Orders;
import com.eventshop.localstack.supervisor.Supervisor;

/**
 * The running local stack, as the benchmark sees it from outside: its processes (the PIDs
 * the stack supervisor recorded), the inventory's stock, and JFR recordings started and
 * dumped with the JDK's {@code jcmd}.
 */
final class Stack {

	private static final String RECORDING = "benchmark";

	private final Settings settings;

	private final Supplier<String> operator;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	/**
	 * @param settings the run's settings
	 * @param operator the operator scripts' {@code Authorization} header
	 */
	Stack(Settings settings, Supplier<String> operator) {
		this.settings = settings;
		this.operator = operator;
	}

	/**
	 * The stack's running processes by name (kafka, greenmail and the services), as its
	 * supervisor recorded them.
	 */
	Map<String, Long> pids() {
		return new Supervisor(this.settings.pids().getParent(), (line) -> {
		}).pids();
	}

	/**
	 * Gives every SKU the run orders more stock than it can sell, so that every order is
	 * confirmed and the end-to-end figures are those of the happy path.
	 */
	void topUpStock(int available) throws IOException, InterruptedException {
		for (String sku : Orders.SKUS) {
			URI stock = URI.create(this.settings.inventoryUrl() + "/api/stock/" + sku);
			// A correction names the version it replaces (If-Match), so read that first.
			String eTag = this.http
				.send(HttpRequest.newBuilder(stock).header("Authorization", this.operator.get()).build(),
						HttpResponse.BodyHandlers.discarding())
				.headers()
				.firstValue("ETag")
				.orElseThrow(() -> new IllegalStateException("no stock for " + sku));
			HttpRequest request = HttpRequest.newBuilder(stock)
				.header("If-Match", eTag)
				.header("Authorization", this.operator.get())
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"available\":" + available + "}"))
				.build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"setting the stock of " + sku + " answered " + response.statusCode() + ": " + response.body());
			}
		}
	}

	/** Starts a JFR recording (the JDK's "profile" settings) in each service. */
	void startProfiling(Map<String, Long> services) throws IOException, InterruptedException {
		for (Long pid : services.values()) {
			jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile");
		}
	}

	/** Dumps and stops the recordings; returns the files by service. */
	Map<String, Path> stopProfiling(Map<String, Long> services, Path folder) throws IOException, InterruptedException {
		Files.createDirectories(folder);
		Map<String, Path> files = new TreeMap<>();
		for (Map.Entry<String, Long> service : services.entrySet()) {
			Path file = folder.resolve(service.getKey() + ".jfr").toAbsolutePath();
			jcmd(service.getValue(), "JFR.stop", "name=" + RECORDING, "filename=" + file);
			if (Files.exists(file)) {
				files.put(service.getKey(), file);
			}
		}
		return files;
	}

	private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
		}
	}

}
