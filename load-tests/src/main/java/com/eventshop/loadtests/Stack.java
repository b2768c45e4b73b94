package com.eventshop.loadtests;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.eventshop.events.Topics;
import com.eventshop.loadtests.load.Orders;
import com.eventshop.loadtests.report.JfrProfile;
import com.eventshop.loadtests.report.Results;
import com.eventshop.loadtests.report.Roles;
import com.eventshop.loadtests.report.Topology;
import com.eventshop.localstack.supervisor.LocalStack;
import com.eventshop.localstack.supervisor.Service;
import com.eventshop.localstack.supervisor.Supervisor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running local stack, as the benchmark sees it from outside: its processes (the PIDs
 * the stack supervisor recorded), the inventory's stock, the analytics rebuild, and JFR
 * recordings started and dumped with the JDK's {@code jcmd}.
 */
final class Stack {

	private static final String RECORDING = "benchmark";

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
	 * The stack's shape, as the broker cluster and the supervisor report it: the brokers,
	 * the copies of the order topic's partitions and its {@code min.insync.replicas}, and
	 * the running instances of each service.
	 */
	Topology topology() throws InterruptedException, ExecutionException, TimeoutException {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.settings.kafka());
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "benchmark-topology");
		try (Admin admin = Admin.create(config)) {
			int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
			TopicDescription orders = admin.describeTopics(Set.of(Topics.ORDERS))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(Topics.ORDERS);
			int replication = orders.partitions().getFirst().replicas().size();
			ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ORDERS);
			Config topicConfig = admin.describeConfigs(Set.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
			int minInSync = Integer.parseInt(topicConfig.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
			Map<String, Integer> instances = new TreeMap<>(Roles.count(pids().keySet()));
			instances.keySet().retainAll(LocalStack.SERVICES.stream().map(Service::name).toList());
			return new Topology(brokers, replication, minInSync, instances);
		}
	}

	/**
	 * The order service's refusals so far by reason: its
	 * {@code eventshop.orders.admission.refused} counter as the actuator's metrics
	 * endpoint gives it (read as an operator), once for the reasons it has seen and once
	 * per reason. Empty when it cannot be read (or nothing was ever refused), so a run
	 * never ends over it.
	 */
	Map<String, Long> refusals() {
		Map<String, Long> byReason = new TreeMap<>();
		try {
			JsonNode all = refusalMetric("");
			for (String reason : reasons(all)) {
				byReason.put(reason,
						count(refusalMetric("?tag=reason:" + URLEncoder.encode(reason, StandardCharsets.UTF_8))));
			}
			return byReason;
		}
		catch (IOException | RuntimeException ex) {
			return Map.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Map.of();
		}
	}

	private JsonNode refusalMetric(String query) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI
				.create(this.settings.orderUrl() + "/actuator/metrics/eventshop.orders.admission.refused" + query))
			.header("Authorization", this.operator.get())
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("the refusal counter answered " + response.statusCode());
		}
		return JSON.readTree(response.body());
	}

	/** The values of the {@code reason} tag in a metric of the metrics endpoint. */
	static List<String> reasons(JsonNode metric) {
		List<String> reasons = new ArrayList<>();
		JsonNode tags = metric.path("availableTags");
		for (int i = 0; i < tags.size(); i++) {
			if (tags.get(i).path("tag").asString().equals("reason")) {
				JsonNode values = tags.get(i).path("values");
				for (int j = 0; j < values.size(); j++) {
					reasons.add(values.get(j).asString());
				}
			}
		}
		return reasons;
	}

	/** The {@code COUNT} measurement of a counter of the metrics endpoint. */
	static long count(JsonNode metric) {
		JsonNode measurements = metric.path("measurements");
		for (int i = 0; i < measurements.size(); i++) {
			if (measurements.get(i).path("statistic").asString().equals("COUNT")) {
				return (long) measurements.get(i).path("value").asDouble();
			}
		}
		throw new IllegalStateException("no COUNT in " + metric);
	}

	/**
	 * What each reason refused from {@code before} to {@code after}; reasons at zero left
	 * out.
	 */
	static Map<String, Long> refusedBetween(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> refused = new TreeMap<>();
		after.forEach((reason, count) -> {
			long delta = count - before.getOrDefault(reason, 0L);
			if (delta > 0) {
				refused.put(reason, delta);
			}
		});
		return refused;
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

	/**
	 * Rebuilds the analytics read model from the order history, as an operator would
	 * (start it, then follow it), and returns how it went as the service reports it.
	 * @param timeout how long to follow it; a rebuild still running then is returned as
	 * it stands
	 */
	Results.Rebuild rebuildAnalytics(Duration timeout) throws IOException, InterruptedException {
		URI uri = URI.create(this.settings.analyticsUrl() + "/api/admin/projections/rebuild");
		HttpResponse<String> started = this.http.send(HttpRequest.newBuilder(uri)
			.header("Authorization", this.operator.get())
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		if (started.statusCode() != 202) {
			throw new IllegalStateException(
					"starting the rebuild answered " + started.statusCode() + ": " + started.body());
		}
		long id = JSON.readTree(started.body()).path("id").asLong();
		long deadline = System.nanoTime() + timeout.toNanos();
		JsonNode run;
		do {
			Thread.sleep(500);
			HttpResponse<String> progress = this.http.send(
					HttpRequest.newBuilder(uri).header("Authorization", this.operator.get()).build(),
					HttpResponse.BodyHandlers.ofString());
			run = null;
			for (JsonNode rebuild : JSON.readTree(progress.body()).path("rebuilds")) {
				if (rebuild.path("id").asLong() == id) {
					run = rebuild;
				}
			}
			if (run == null) {
				throw new IllegalStateException("rebuild " + id + " is not among the latest: " + progress.body());
			}
		}
		while (run.path("state").asString().equals("RUNNING") && System.nanoTime() < deadline);
		Instant from = instant(run.path("startedAt"));
		JsonNode finished = run.path("finishedAt");
		Instant to = instant(finished.isNull() || finished.isMissingNode() ? run.path("updatedAt") : finished);
		JsonNode error = run.path("error");
		return new Results.Rebuild(run.path("state").asString(), run.path("historySize").asLong(),
				run.path("recordsRead").asLong(), run.path("eventsApplied").asLong(),
				Duration.between(from, to).toMillis() / 1000.0, run.path("eventsPerSecond").asDouble(),
				error.isString() ? error.asString() : null);
	}

	/**
	 * An instant as the analytics service writes it: ISO-8601 text. Anything else (a
	 * number of some unit) fails rather than be misread.
	 */
	static Instant instant(JsonNode value) {
		return Instant.parse(value.asString());
	}

	/** Starts a JFR recording (the JDK's "profile" settings) in each service. */
	void startProfiling(Map<String, Long> services) throws IOException, InterruptedException {
		for (Long pid : services.values()) {
			jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile");
		}
	}

	/**
	 * Dumps and stops the recordings and reads them; a service whose process exited
	 * during the run, or whose recording could not be dumped, is reported as missing
	 * rather than costing the run its report.
	 */
	Map<String, JfrProfile.Profile> stopProfiling(Map<String, Long> services, Path folder, int topMethods)
			throws IOException, InterruptedException {
		Files.createDirectories(folder);
		Map<String, JfrProfile.Profile> profiles = new TreeMap<>();
		for (Map.Entry<String, Long> service : services.entrySet()) {
			long pid = service.getValue();
			if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
				profiles.put(service.getKey(), JfrProfile.Profile.missing("process " + pid + " exited during the run"));
				continue;
			}
			Path file = folder.resolve(service.getKey() + ".jfr").toAbsolutePath();
			try {
				jcmd(pid, "JFR.stop", "name=" + RECORDING, "filename=" + file);
				profiles.put(service.getKey(), Files.exists(file) ? JfrProfile.read(file, topMethods)
						: JfrProfile.Profile.missing("jcmd wrote no file"));
			}
			catch (IllegalStateException | IOException ex) {
				profiles.put(service.getKey(), JfrProfile.Profile.missing(ex.getMessage().strip()));
			}
		}
		return profiles;
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
