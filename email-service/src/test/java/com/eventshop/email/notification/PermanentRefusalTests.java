package com.eventshop.email.notification;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.EventTypes;
import com.eventshop.testsupport.EventPublisher;
import com.eventshop.testsupport.TestTokens;
import com.eventshop.testsupport.http.ServiceClient;
import com.eventshop.testsupport.http.ServiceClient.Response;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * E-mails the mail server refuses: for good (5xx) they end FAILED with its reply, are
 * never retried and are listed for operators, while the e-mails after them go out; for
 * now (4xx) they are retried until the server takes them.
 */
class PermanentRefusalTests extends EmailTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	RefusingSmtpProxy proxy;

	@Autowired
	MeterRegistry meters;

	@Test
	void aRecipientRefusedForGoodEndsFailedWithTheReasonIsListedAndNeverRetried()
			throws IOException, InterruptedException {
		String domain = "refused-" + UUID.randomUUID() + ".example";
		this.proxy.refuseForGood(domain);
		double rejected = counter("eventshop.email.rejected");
		UUID refused = placeOrderFor("nobody@" + domain);
		UUID deliverable = placeOrder();

		await().atMost(TIMEOUT).until(() -> statuses(refused).equals(List.of("FAILED")));
		awaitEmail(deliverable, EmailKind.ORDER_RECEIVED);
		// Another e-mail goes out after the refusal, so the dispatcher has had every
		// chance to try the refused one again.
		awaitEmail(placeOrder(), EmailKind.ORDER_RECEIVED);

		assertThat(attempts(refused)).as("attempts of the refused e-mail").isOne();
		assertThat(emailsFor(refused)).isEmpty();
		assertThat(counter("eventshop.email.rejected")).isGreaterThanOrEqualTo(rejected + 1);
		// the gauge is read in the background, never by a scrape: it catches up
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.meters.get("eventshop.email.failed").gauge().value())
				.isGreaterThanOrEqualTo(1));

		Response listing = admin("/api/admin/emails/failed", operator());
		assertThat(listing.status()).as(listing.body()).isEqualTo(200);
		List<JsonNode> failed = JSON.readTree(listing.body())
			.valueStream()
			.filter((email) -> refused.toString().equals(email.get("orderId").asString()))
			.toList();
		assertThat(failed).singleElement().satisfies((email) -> {
			assertThat(email.get("recipient").asString()).isEqualTo("nobody@" + domain);
			assertThat(email.get("kind").asString()).isEqualTo("ORDER_RECEIVED");
			assertThat(email.get("reason").asString()).contains("550");
			assertThat(email.get("failedAt").asString()).isNotBlank();
		});
		assertThat(admin("/api/admin/emails/failed", null).status()).as("without operator login").isEqualTo(401);
	}

	@Test
	void aRecipientRefusedForNowIsRetriedUntilTheServerTakesIt() {
		String domain = "busy-" + UUID.randomUUID() + ".example";
		this.proxy.refuseForNow(domain);
		UUID busy;
		try {
			busy = placeOrderFor("someone@" + domain);
			await().atMost(TIMEOUT).until(() -> attempts(busy) >= 2);
			assertThat(statuses(busy)).containsExactly("PENDING");
		}
		finally {
			this.proxy.accept(domain);
		}

		await().atMost(TIMEOUT).until(() -> statuses(busy).equals(List.of("SENT")));
		assertThat(emailsFor(busy)).hasSize(1);
	}

	private UUID placeOrderFor(String email) {
		UUID orderId = UUID.randomUUID();
		ObjectNode order = EventPublisher.golden(EventTypes.ORDER_PLACED_V1, orderId);
		order.withObject("/customer").put("email", email);
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, UUID.randomUUID(), order);
		return orderId;
	}

	private int attempts(UUID orderId) {
		return this.jdbc.sql("select coalesce(max(attempts), 0) from notification where order_id = ?")
			.param(orderId)
			.query(Integer.class)
			.single();
	}

	private double counter(String name) {
		return this.meters.get(name).counter().count();
	}

	private Response admin(String path, @Nullable String authorization) {
		return new ServiceClient(this.port).get(path, authorization);
	}

	private static String operator() {
		return TestTokens.bearer(TestTokens.operator());
	}

}
