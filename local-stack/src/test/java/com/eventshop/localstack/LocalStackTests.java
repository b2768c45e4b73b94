package com.eventshop.localstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import com.eventshop.localstack.supervisor.LocalStack;
import com.eventshop.localstack.supervisor.Service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the whole system with the README's command ({@code scripts/local-stack.sh up},
 * in the foreground as a person runs it), runs the README's demo
 * ({@code scripts/demo.sh}), checks what a person would see, then stops it as Ctrl-C does
 * and checks that no process it started is left.
 * <p>
 * The stack gets free ports, its own folder and databases (see {@link TestStack}); the
 * commands are the README's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LocalStackTests {

	private static final Pattern ACCEPTED = Pattern.compile("accepted as order ([0-9a-f-]{36})");

	// JSON log lines (Elastic Common Schema), as compose runs the services.
	private final TestStack stack = new TestStack("local-stack", Map.of("LOG_FORMAT", "ecs"));

	private Process up;

	private ProcessOutput upOutput;

	private String demo = "";

	private Map<String, Long> pids = Map.of();

	private List<ProcessHandle> started = List.of();

	private List<UUID> orders = List.of();

	/** The demo's customers' {@code Authorization} headers, by user name. */
	private final Map<String, String> customers = new LinkedHashMap<>();

	private String operator = "";

	@BeforeAll
	void startTheStackAndRunTheDemo() throws Exception {
		this.up = this.stack.script("scripts/local-stack.sh", "up").start();
		this.upOutput = ProcessOutput.of(this.up);
		await("the stack to be up").atMost(Duration.ofMinutes(6))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> this.upOutput.contains("EventShop is running") || !this.up.isAlive());
		assertThat(this.up.isAlive()).as("%s%n%s", this.upOutput, this.stack.logTails()).isTrue();
		this.pids = this.stack.pids();
		this.started = this.up.descendants().filter((process) -> this.pids.containsValue(process.pid())).toList();

		ProcessBuilder demoScript = this.stack.script("scripts/demo.sh");
		// Nothing but the demo's orders happen here: quiet seconds mean they are done, as
		// long as the quiet outlasts the warehouse delay (2 s) before a dispatch.
		demoScript.environment().put("DEMO_QUIET", "10");
		Process demoProcess = demoScript.start();
		ProcessOutput demoOutput = ProcessOutput.of(demoProcess);
		assertThat(demoProcess.waitFor(3, TimeUnit.MINUTES)).as("demo finished: %s", demoOutput).isTrue();
		this.demo = demoOutput.awaitEnd();
		assertThat(this.demo).contains(" orders ended as expected.");
		assertThat(demoProcess.exitValue()).as(this.demo).isZero();
		this.orders = ACCEPTED.matcher(this.demo).results().map((match) -> UUID.fromString(match.group(1))).toList();
		// People sign in as people do (authorization code with PKCE); the operator's
		// scripts use client credentials.
		for (String user : List.of("ada", "grace", "hedy")) {
			this.customers.put(user, this.stack.auth().logIn(user, user + "-demo").header());
		}
		this.operator = this.stack.clientToken("operator-cli").get();
	}

	@Test
	@Order(1)
	void upStartsTheBrokerTheMailServerAuthServerFiveServicesAndTheGatewayEachItsOwnJvm() {
		assertThat(this.pids).containsOnlyKeys(TestStack.PROCESSES);
		assertThat(this.started).as("recorded processes, started by 'up'").hasSize(TestStack.PROCESSES.size());
		this.started.forEach((process) -> assertThat(process.info().command()).as("pid %d", process.pid())
			.hasValueSatisfying((command) -> assertThat(command).endsWith("java")));
		for (String port : List.of("ORDER_PORT", "INVENTORY_PORT", "EMAIL_PORT", "SHIPPING_PORT", "ANALYTICS_PORT",
				"AUTH_PORT", "EDGE_PORT")) {
			assertThat(Http.json(this.stack.url(port) + "/actuator/health").path("status").asString()).as(port)
				.isEqualTo("UP");
		}
		String gateway = this.stack.url("EDGE_PORT").replace("127.0.0.1", "localhost");
		assertThat(this.upOutput.text()).contains("gateway     " + gateway)
			.contains(this.stack.url("AUTH_PORT").replace("127.0.0.1", "localhost"))
			.contains("ada / ada-demo")
			.contains(this.stack.url("ORDER_PORT").replace("127.0.0.1", "localhost"))
			.contains("operator / operator-demo")
			.contains("-H \"Authorization: Bearer $TOKEN\" " + gateway + "/api/products")
			.contains("scripts/demo.sh");
	}

	@Test
	@Order(2)
	void servicesTakeTheirSettingsFromTheEnvironmentTheStackGivesThem() throws Exception {
		// The orders are in the stack's own database, not in the services' default one.
		try (Connection connection = this.stack.connect(this.stack.database("orders"));
				PreparedStatement query = connection.prepareStatement("select count(*) from customer_order")) {
			ResultSet result = query.executeQuery();
			result.next();
			assertThat(result.getInt(1)).isEqualTo(this.orders.size());
		}
		// Every service takes the operator's token (client credentials) for its admin
		// endpoints, and refuses a token that is not from the stack's authorization
		// server.
		String forged = this.operator.substring(0, this.operator.length() - 4) + "AAAA";
		for (String port : List.of("ORDER_PORT", "INVENTORY_PORT", "EMAIL_PORT", "SHIPPING_PORT", "ANALYTICS_PORT")) {
			String deadLetters = this.stack.url(port) + "/api/admin/dead-letters";
			assertThat(Http.get(deadLetters, this.operator).statusCode()).as(port).isEqualTo(200);
			assertThat(Http.get(deadLetters, forged).statusCode()).as(port).isEqualTo(401);
		}
	}

	@Test
	@Order(3)
	void demoPlacesThreeOrdersAndTellsEachJourneyReadably() {
		assertThat(this.orders).as(this.demo).hasSize(3);
		assertThat(this.demo).contains("Status history", "E-mails", "Shipment", "Stock", "Analytics")
			.contains("ORDER_RECEIVED  SENT  in the mailbox")
			.doesNotContain("jq: error", "not accepted", "{\"");
	}

	@Test
	@Order(4)
	void everyOrderReachesEveryServiceAndItsEmailTheMailbox() {
		String greenMail = this.stack.url("GREENMAIL_API_PORT");
		List<String> mailboxes = List.of("ada@eventshop.example", "grace@eventshop.example", "hedy@eventshop.example");
		await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
			for (int i = 0; i < this.orders.size(); i++) {
				UUID order = this.orders.get(i);
				JsonNode emails = Http.json(this.stack.url("EMAIL_PORT") + "/api/emails?orderId=" + order,
						owner(order));
				assertThat(emails.findValuesAsString("kind")).contains("ORDER_RECEIVED");
				assertThat(emails.findValuesAsString("status")).containsOnly("SENT");
				JsonNode inbox = Http.json(greenMail + "/api/user/" + mailboxes.get(i) + "/messages/INBOX");
				assertThat(inbox.findValuesAsString("subject"))
					.contains("Your EventShop order " + order + " has been received");
				assertThat(Http.get(this.stack.url("SHIPPING_PORT") + "/api/shipments/" + order, owner(order))
					.statusCode()).isEqualTo(200);
			}
		});

		// Ada's mugs and T-shirt are taken from stock;
		// Grace's 50 lamps never were (5 in stock).
		assertThat(stock("MUG-001").path("available").asInt()).isEqualTo(98);
		assertThat(stock("TEE-002").path("available").asInt()).isEqualTo(99);
		assertThat(stock("LMP-009").path("available").asInt()).isEqualTo(5);
		assertThat(stock("LMP-009").path("reserved").asInt()).isZero();
		JsonNode cap = stock("CAP-003");
		assertThat(cap.path("available").asInt() + cap.path("reserved").asInt()).isEqualTo(100);

		// Placed: Ada's 49.00, Grace's rejected 4,450.00, Hedy's cancelled 18.90.
		// Sold, once the outcomes have reached analytics: Ada's alone.
		String analytics = this.stack.url("ANALYTICS_PORT") + "/api/analytics/summary";
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "49.00"
				.equals(Http.json(analytics, this.operator).path("currencies").get(0).path("revenue").asString()));
		JsonNode summary = Http.json(analytics, this.operator);
		assertThat(summary.path("placedOrders").asLong()).isEqualTo(3);
		assertThat(summary.path("currencies").get(0).path("placedValue").asString()).isEqualTo("4517.90");
		assertThat(summary.path("topSkus").get(0).path("sku").asString()).isEqualTo("MUG-001");
		assertThat(summary.path("topSkus").get(0).path("units").asLong()).isEqualTo(2);
	}

	@Test
	@Order(5)
	void everyJourneyEndsAsTheSagaSays() {
		assertThat(this.demo).contains("3 of 3 orders ended as expected.");
		UUID ada = this.orders.get(0);
		UUID grace = this.orders.get(1);
		UUID hedy = this.orders.get(2);
		await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
			assertThat(order(ada).path("status").asString()).isEqualTo("SHIPPED");
			assertThat(emailKinds(ada)).containsExactlyInAnyOrder("ORDER_RECEIVED", "ORDER_CONFIRMED", "ORDER_SHIPPED");
			assertThat(emailKinds(grace)).containsExactlyInAnyOrder("ORDER_RECEIVED", "ORDER_REJECTED");
			assertThat(emailKinds(hedy)).contains("ORDER_RECEIVED", "ORDER_CANCELLED");
			assertThat(shipment(grace).path("status").asString()).isEqualTo("CANCELLED");
			assertThat(shipment(hedy).path("status").asString()).isEqualTo("CANCELLED");
			assertThat(stock("CAP-003").path("available").asInt()).isEqualTo(100);
			assertThat(stock("CAP-003").path("reserved").asInt()).isZero();
			assertThat(stock("MUG-001").path("reserved").asInt()).as("shipped units left the warehouse").isZero();
		});
		assertThat(order(ada).findValuesAsString("status")).containsSubsequence("PENDING", "CONFIRMED", "SHIPPED");
		assertThat(shipment(ada).path("status").asString()).isEqualTo("DISPATCHED");
		assertThat(shipment(ada).path("trackingNumber").asString()).isNotBlank();
		assertThat(order(grace).path("status").asString()).isEqualTo("REJECTED");
		assertThat(order(grace).toString()).contains("LMP-009");
		assertThat(order(hedy).path("status").asString()).isEqualTo("CANCELLED");
		JsonNode outcomes = Http.json(this.stack.url("ANALYTICS_PORT") + "/api/analytics/summary", this.operator)
			.path("outcomes");
		assertThat(outcomes.path("shipped").asInt()).isEqualTo(1);
		assertThat(outcomes.path("rejected").asInt()).isEqualTo(1);
		assertThat(outcomes.path("cancelled").asInt()).isEqualTo(1);
	}

	private JsonNode order(UUID id) {
		return Http.json(this.stack.url("ORDER_PORT") + "/api/orders/" + id, owner(id));
	}

	private JsonNode shipment(UUID id) {
		return Http.json(this.stack.url("SHIPPING_PORT") + "/api/shipments/" + id, owner(id));
	}

	private List<String> emailKinds(UUID id) {
		return Http.json(this.stack.url("EMAIL_PORT") + "/api/emails?orderId=" + id, owner(id))
			.findValuesAsString("kind");
	}

	/** The token of the demo customer who placed the order: Ada, Grace, Hedy in turn. */
	private String owner(UUID order) {
		return this.customers.get(List.of("ada", "grace", "hedy").get(this.orders.indexOf(order)));
	}

	@Test
	@Order(5)
	void servicesLogJsonLinesThatNameTheOrderTheEventAndTheTraceTheyWereWrittenFor() {
		// Every line a service writes is one JSON object: a log shipper takes the whole
		// file.
		for (Service service : LocalStack.SERVICES) {
			assertThat(JsonLogFile.read(serviceLog(service.name()))).as(service.name())
				.isNotEmpty()
				.allSatisfy((line) -> {
					assertThat(line.path("@timestamp").asString("")).matches("\\d{4}-\\d\\d-\\d\\dT.+Z");
					assertThat(line.path("log").path("level").asString("")).isIn("ERROR", "WARN", "INFO", "DEBUG",
							"TRACE");
					assertThat(line.path("service").path("name").asString("")).isEqualTo(service.module());
				});
		}
		// What an operator greps for about Hedy's cancelled order: the order service
		// notes what inventory did with its stock while it handles inventory's event.
		UUID hedy = this.orders.get(2);
		String noted = "Order " + hedy + " stays CANCELLED";
		await("the order service's note on Hedy's cancelled order").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(JsonLogFile.read(serviceLog("order")))
				.anySatisfy((line) -> assertThat(line.path("message").asString("")).startsWith(noted)));
		List<JsonNode> lines = JsonLogFile.read(serviceLog("order"))
			.stream()
			.filter((line) -> line.path("message").asString("").startsWith(noted))
			.toList();
		assertThat(lines).allSatisfy((line) -> {
			assertThat(line.path("orderId").asString("")).isEqualTo(hedy.toString());
			// the event being handled, the one the message names
			assertThat(line.path("eventId").asString(""))
				.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
			assertThat(line.path("message").asString("")).endsWith("(event " + line.path("eventId").asString("") + ")");
			assertThat(line.path("eventType").asString("")).isNotBlank();
			assertThat(line.path("traceId").asString("")).matches("[0-9a-f]{32}");
			assertThat(line.path("spanId").asString("")).matches("[0-9a-f]{16}");
			assertThat(line.path("log").path("level").asString("")).isEqualTo("INFO");
		});
	}

	private Path serviceLog(String name) {
		return this.stack.dir().resolve("logs/" + name + ".log");
	}

	@Test
	@Order(6)
	void ordersGoThroughTheGatewayWithARealLoginOrClientCredentialsAndNeverWithout() {
		String orders = this.stack.url("EDGE_PORT") + "/api/orders";
		String body = """
				{"lines": [{"sku": "PEN-007", "quantity": 1}],
				 "shippingAddress": {"line1": "1 Gateway Road", "city": "London", "postalCode": "SW1Y 4JH",
				  "country": "GB"}}""";

		var asAda = Http.post(orders, this.customers.get("ada"), body);
		var asDemo = Http.post(orders, this.stack.clientToken("demo").get(), body);
		var anonymous = Http.post(orders, null, body);
		var forged = Http.post(orders, "Bearer " + this.customers.get("ada").substring(7).replace('.', '_'), body);

		assertThat(asAda.statusCode()).as(asAda.body()).isEqualTo(201);
		assertThat(asDemo.statusCode()).as(asDemo.body()).isEqualTo(201);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(forged.statusCode()).isEqualTo(401);
		// the placed order is read back through the gateway by the one who placed it
		String id = Http.read(asAda.body()).path("id").asString();
		assertThat(Http.json(orders + "/" + id, this.customers.get("ada")).path("status").asString()).isNotBlank();
	}

	@Test
	@Order(7)
	void everyConsumerGroupReportsItsDeadLetterDepth() throws Exception {
		// Micrometer holds a gauge's object weakly: after a full collection a gauge whose
		// object nothing else holds reads NaN. Collect, then read the depth.
		for (String service : List.of("order", "inventory", "email", "shipping", "analytics")) {
			ProcessHandle process = ProcessHandle.of(this.pids.get(service)).orElseThrow();
			String java = process.info().command().orElseThrow();
			Process gc = new ProcessBuilder(Path.of(java).resolveSibling("jcmd").toString(),
					Long.toString(process.pid()), "GC.run")
				.redirectErrorStream(true)
				.start();
			assertThat(gc.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		for (String port : List.of("ORDER_PORT", "INVENTORY_PORT", "EMAIL_PORT", "SHIPPING_PORT", "ANALYTICS_PORT")) {
			String metrics = Http.get(this.stack.url(port) + "/actuator/prometheus", this.operator).body();
			assertThat(metrics.lines().filter((line) -> line.startsWith("eventshop_consumer_dead_letters{"))).as(port)
				.isNotEmpty()
				.allSatisfy((line) -> assertThat(line).endsWith(" 0.0"));
		}
	}

	@Test
	@Order(8)
	void oneOrdersTraceIsOneTreeThroughAllFiveServicesInZipkin() throws Exception {
		// The trace of Ada's order, as the outbox stored it with its OrderPlaced event.
		String traceparent;
		try (Connection connection = this.stack.connect(this.stack.database("orders"));
				PreparedStatement query = connection.prepareStatement(
						"select traceparent from messaging.outbox where subject = ? order by id limit 1")) {
			query.setString(1, this.orders.get(0).toString());
			ResultSet result = query.executeQuery();
			assertThat(result.next()).isTrue();
			traceparent = result.getString(1);
		}
		assertThat(traceparent).as("sampled traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
		String trace = this.stack.url("ZIPKIN_PORT") + "/api/v2/trace/" + traceparent.substring(3, 35);
		List<String> services = List.of("order-service", "inventory-service", "email-service", "shipping-service",
				"analytics-service");
		await("the whole trace in Zipkin").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(Http.get(trace).statusCode()).isEqualTo(200));
		await("spans of all five services").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(Http.json(trace).findValuesAsString("serviceName")).containsAll(services));
		// One tree: a single root, and every other span's parent is a span of the trace.
		JsonNode spans = Http.json(trace);
		List<String> ids = spans.findValuesAsString("id");
		List<String> roots = new ArrayList<>();
		for (JsonNode span : spans) {
			if (span.hasNonNull("parentId")) {
				assertThat(ids).as("parent of %s", span).contains(span.path("parentId").asString());
			}
			else {
				roots.add(span.path("name").asString());
			}
		}
		assertThat(roots).as("roots").hasSize(1);
		// The relays' publishes are spans of their own, between an append and its
		// consumers: at least the order service's (OrderPlaced) and the inventory's.
		await("the relays' publish spans").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(Http.json(trace)
				.valueStream()
				.filter((span) -> "PRODUCER".equals(span.path("kind").asString())
						&& span.path("name").asString().endsWith(" publish"))
				.map((span) -> span.path("localEndpoint").path("serviceName").asString()))
				.contains("order-service", "inventory-service"));
	}

	@Test
	@Order(8)
	void everyMetricTheDashboardAndTheAlertsReadIsExposed() {
		List<String> expressions = new ArrayList<>(
				PromQl.dashboardExpressions(Repository.read("docker/grafana/dashboards/eventshop.json")));
		expressions.addAll(PromQl.ruleExpressions(Repository.read("docker/prometheus/alerts.yml")));
		Set<String> read = new TreeSet<>();
		expressions.forEach((expression) -> read.addAll(PromQl.metricNames(expression)));
		// Prometheus's own "up", and the consumer-group lag of compose's kafka-exporter.
		read.removeIf((name) -> name.equals("up") || name.startsWith("kafka_consumergroup_"));
		assertThat(read).as("metric names in PromQL").hasSizeGreaterThan(10);
		// Some meters appear only after a while: the Kafka client's lag of a partition
		// exists once the consumer has fetched from it, and Micrometer binds new client
		// metrics on its next periodic check (every minute).
		await("every metric the dashboard and the alerts read").atMost(Duration.ofMinutes(4))
			.pollInterval(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(exposed()).as("metrics the services expose").containsAll(read));
	}

	private Set<String> exposed() {
		Set<String> exposed = new TreeSet<>();
		for (String port : List.of("ORDER_PORT", "INVENTORY_PORT", "EMAIL_PORT", "SHIPPING_PORT", "ANALYTICS_PORT")) {
			exposed
				.addAll(PromQl.exposed(Http.get(this.stack.url(port) + "/actuator/prometheus", this.operator).body()));
		}
		return exposed;
	}

	@Test
	@Order(9)
	void killTakesOneProcessAwayAndStartOrRestartBringsItBack() throws Exception {
		long email = this.stack.pids().get("email");
		Map<String, Long> others = new LinkedHashMap<>(this.stack.pids());
		others.remove("email");

		assertThat(script("kill", "email")).contains("killed email (" + email + ")");
		await("the killed process to be reaped").atMost(Duration.ofMinutes(2))
			.until(() -> ProcessHandle.of(email).filter(ProcessHandle::isAlive).isEmpty());
		assertThat(this.stack.pids()).doesNotContainKey("email").containsExactlyInAnyOrderEntriesOf(others);
		assertThat(script("status")).containsPattern("email +stopped");

		// start: only what is not running, as it was started before.
		assertThat(script("start")).contains("email is ready").doesNotContain("kafka is ready", "order is ready");
		long started = this.stack.pids().get("email");
		assertThat(this.stack.pids()).containsAllEntriesOf(others);
		assertThat(Http.json(this.stack.url("EMAIL_PORT") + "/actuator/health").path("status").asString())
			.isEqualTo("UP");

		assertThat(script("restart", "email")).contains("stopped email (" + started + ")", "email");
		long restarted = this.stack.pids().get("email");
		assertThat(restarted).isNotIn(email, started);
		assertThat(this.stack.pids()).containsAllEntriesOf(others);
		assertThat(Http.json(this.stack.url("EMAIL_PORT") + "/actuator/health").path("status").asString())
			.isEqualTo("UP");
		// The e-mail service came back with its settings: it still checks tokens against
		// the stack's authorization server.
		assertThat(Http.get(this.stack.url("EMAIL_PORT") + "/api/admin/dead-letters", this.operator).statusCode())
			.isEqualTo(200);
		// Exits that were asked for are not reported as crashes by the running 'up'.
		assertThat(this.upOutput.text()).doesNotContain("exited on its own");
	}

	/** Runs {@code scripts/local-stack.sh} with a command; returns all it printed. */
	private String script(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("scripts/local-stack.sh"));
		command.addAll(List.of(arguments));
		Process process = this.stack.script(command.toArray(String[]::new)).start();
		ProcessOutput output = ProcessOutput.of(process);
		assertThat(process.waitFor(6, TimeUnit.MINUTES)).as("%s finished: %s", command, output).isTrue();
		String text = output.awaitEnd();
		assertThat(process.exitValue()).as("%s: %s", command, text).isZero();
		return text;
	}

	@Test
	@Order(10)
	void stoppingLikeCtrlCLeavesNoProcessBehind() throws Exception {
		List<ProcessHandle> everything = new ArrayList<>(this.up.descendants().toList());
		// What Ctrl-C does, with SIGTERM (the same trap), as a
		// background process ignores SIGINT; through the handle,
		// which unlike Process.destroy() leaves its output open.
		this.up.toHandle().destroy();
		assertThat(this.up.waitFor(5, TimeUnit.MINUTES)).as(this.upOutput.text()).isTrue();
		assertThat(this.up.exitValue()).isEqualTo(130);
		// The whole output: the pump may still be reading it when the process has ended.
		assertThat(this.upOutput.awaitEnd()).contains("stopped order", "stopped greenmail", "stopped kafka");
		assertThat(everything).as("processes started by 'up'").isNotEmpty().noneMatch(ProcessHandle::isAlive);
		assertThat(this.pids.values())
			.noneMatch((pid) -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
		assertThat(this.stack.pids()).isEmpty();

		Process status = this.stack.script("scripts/local-stack.sh", "status").start();
		ProcessOutput statusOutput = ProcessOutput.of(status);
		assertThat(status.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(statusOutput.awaitEnd()).contains("nothing runs");
		// The broker's data stays for the next start.
		assertThat(this.stack.dir().resolve("kafka/data/meta.properties")).exists();
	}

	@AfterAll
	void leaveNothingBehind() throws Exception {
		if (this.up != null && this.up.isAlive()) {
			this.up.destroy();
			this.up.waitFor(2, TimeUnit.MINUTES);
		}
		Process stop = this.stack.script("scripts/local-stack.sh", "stop").start();
		ProcessOutput.of(stop);
		stop.waitFor(2, TimeUnit.MINUTES);
		for (ProcessHandle process : this.started) {
			Optional.of(process).filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
		}
		this.stack.dropDatabases();
	}

	private JsonNode stock(String sku) {
		return Http.json(this.stack.url("INVENTORY_PORT") + "/api/stock/" + sku, this.operator);
	}

}
