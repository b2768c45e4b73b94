package com.eventshop.order.ordering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.eventshop.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus scraping the service while Kafka is unreachable neither hangs the scrapes
 * nor takes the request threads that order placement needs: the dead-letter depth is read
 * in the background, never on a scrape. Kafka stays unreachable for the whole test (the
 * only bootstrap address is a port where nothing listens).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.kafka.admin.auto-create=false")
class ScrapesDuringKafkaOutageTests extends KafkaOutageTestSupport {

	/**
	 * More than the request threads of the service (16), so blocked scrapes would starve
	 * it.
	 */
	static final int SCRAPES = 50;

	@Test
	void scrapesAnswerAndOrdersAreAcceptedWhileKafkaIsDown() throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest scrape = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus"))
			.header("Authorization", TestTokens.bearer(TestTokens.operator()))
			.timeout(Duration.ofSeconds(60))
			.build();
		List<CompletableFuture<HttpResponse<String>>> scrapes = new ArrayList<>();
		try (ExecutorService clients = Executors.newFixedThreadPool(SCRAPES)) {
			for (int i = 0; i < SCRAPES; i++) {
				scrapes.add(CompletableFuture.supplyAsync(() -> send(http, scrape), clients));
			}
			// While the scrapes are in flight, an order still gets its answer.
			OrderApi api = new OrderApi(this.port, this.jdbc);
			OrderApi.Response placed = api.placeOrder(OrderApi.json(OrderApi.validOrder()));
			assertThat(placed.status()).as(placed.body()).isEqualTo(201);

			// A generous bound for a busy machine; a scrape that waits on Kafka takes
			// 10 s or more each, one after the other, and 50 of them would take minutes.
			CompletableFuture.allOf(scrapes.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
		}
		long answered = scrapes.stream().map(CompletableFuture::join).filter((r) -> r.statusCode() == 200).count();
		assertThat(answered).isEqualTo(SCRAPES);
		String metrics = scrapes.get(SCRAPES - 1).join().body();
		assertThat(metrics).contains("eventshop_consumer_dead_letters{")
			.contains("eventshop_consumer_dead_letters_age_seconds");
	}

	private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
		try {
			return http.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while scraping", ex);
		}
	}

}
