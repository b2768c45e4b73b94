package com.eventshop.order.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import com.eventshop.testsupport.KafkaBrokers;
import com.eventshop.testsupport.TcpProxy;
import com.eventshop.testsupport.TestInfrastructure;
import com.eventshop.testsupport.TestTokens;
import com.eventshop.testsupport.WithTestInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness says whether the service can do its work: it is down while Kafka is
 * unreachable and up once Kafka answers, while liveness stays up throughout. The
 * service's only Kafka address is a port where a proxy to the real broker opens during
 * the test. Anonymous callers see the status alone; operators see what it is made of.
 * <p>
 * The context is closed after the test: its consumer joined the shared broker's groups.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.kafka.admin.auto-create=false")
@WithTestInfrastructure
class ReadinessTests {

	static final int KAFKA_PORT = KafkaBrokers.freePort();

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void kafkaBehindAProxy(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + KAFKA_PORT);
	}

	@Autowired
	TestInfrastructure infrastructure;

	@LocalServerPort
	int port;

	@Test
	void notReadyUntilKafkaAnswersWhileLivenessStaysUp() {
		awaitReadiness(503);
		JsonNode health = operatorHealth();
		assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/messaging/components/kafka/status").asString()).isEqualTo("DOWN");
		assertThat(get("/actuator/health/liveness", false).statusCode()).isEqualTo(200);

		TcpProxy kafka = TcpProxy.start(KAFKA_PORT, this.infrastructure.kafkaBootstrapServers());
		try {
			awaitReadiness(200);
			health = operatorHealth();
			assertThat(health.at("/components/messaging/components/kafka/status").asString()).isEqualTo("UP");
			assertThat(health.at("/components/messaging/components/listeners/status").asString()).isEqualTo("UP");
			assertThat(health.at("/components/messaging/components/outbox/status").asString()).isEqualTo("UP");
			assertThat(get("/actuator/health/liveness", false).statusCode()).isEqualTo(200);
		}
		finally {
			kafka.close();
		}
	}

	@Test
	void anonymousCallersSeeTheStatusWithoutDetails() {
		HttpResponse<String> anonymous = get("/actuator/health", false);
		JsonNode body = JSON.readTree(anonymous.body());
		assertThat(body.has("status")).isTrue();
		assertThat(body.has("components")).as(anonymous.body()).isFalse();
		assertThat(operatorHealth().at("/components/messaging/components").isObject()).isTrue();
	}

	private void awaitReadiness(int status) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(get("/actuator/health/readiness", false).statusCode())
				.as(() -> get("/actuator/health", true).body())
				.isEqualTo(status));
	}

	private JsonNode operatorHealth() {
		HttpResponse<String> response = get("/actuator/health", true);
		JsonNode health = JSON.readTree(response.body());
		assertThat(health.has("components")).as("%s %s", response.statusCode(), response.body()).isTrue();
		return health;
	}

	private HttpResponse<String> get(String path, boolean operator) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		if (operator) {
			request.header("Authorization", TestTokens.bearer(TestTokens.operator()));
		}
		try {
			return HTTP.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
