package com.eventshop.order.ordering;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.eventshop.order.OrderServiceTest;
import com.eventshop.testsupport.TestTokens;
import com.eventshop.testsupport.http.BadRequests;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared corpus of bad requests ({@link BadRequests}, the same one the failure tests
 * send to a running stack) against the order service in this JVM: each request answered
 * with its one 4xx problem, and no table that placing an order writes to changed.
 * {@link BadOrderRequestsTests} holds the cases whose problem type and field it checks as
 * well.
 */
@OrderServiceTest
class BadRequestCorpusTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyBadRequestGetsItsProblemAndNothingIsStored() throws Exception {
		OrderApi api = new OrderApi(this.port, this.jdbc);
		List<BadRequests.Probe> corpus = BadRequests.corpus();
		Map<String, Long> before = api.rowCounts();
		Map<String, List<String>> wrong = new LinkedHashMap<>();
		try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
			for (BadRequests.Probe probe : corpus) {
				// bad in their content, not in who sends them: each carries a good token
				BadRequests.Answer answer = BadRequests.send(client, "http://localhost:" + this.port,
						Map.of("Authorization", TestTokens.bearer(TestTokens.customerA())), probe);
				List<String> faults = BadRequests.faults(probe, answer);
				if (!faults.isEmpty()) {
					wrong.put(probe.name(), faults);
				}
			}
		}
		assertThat(corpus).as("the corpus").hasSizeGreaterThanOrEqualTo(50);
		assertThat(wrong).as("probes answered wrongly").isEmpty();
		assertThat(api.rowCounts()).as("rows of every table an order writes to").isEqualTo(before);
	}

}
