package com.eventshop.email.notification;

import java.util.UUID;

import com.eventshop.events.EventTypes;
import com.eventshop.testsupport.EventPublisher;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "order received" e-mail as the customer gets it from a real SMTP server: once per
 * order however often the order is announced, listing every line, the total and the
 * shipping address.
 */
class OrderReceivedEmailTests extends EmailTestSupport {

	@Test
	void sendsOneEmailPerOrderHoweverOftenTheOrderIsAnnounced() {
		UUID orderId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		UUID sameOrderAgain = UUID.randomUUID();
		ObjectNode order = EventPublisher.golden(EventTypes.ORDER_PLACED_V1, orderId);
		for (int i = 0; i < 3; i++) {
			this.publisher.publish(EventTypes.ORDER_PLACED_V1, eventId, order);
		}
		this.publisher.publish(EventTypes.ORDER_PLACED_V1, sameOrderAgain, order);

		await().atMost(TIMEOUT).until(() -> emailsFor(orderId).size() == 1);
		// One partition holds all four records, in
		// order: the last one handled means all were.
		await().atMost(TIMEOUT).until(() -> inboxRows(sameOrderAgain) == 1);
		// E-mails go out oldest first, so a second
		// one for the order would come before this.
		UUID sentinel = placeOrder();
		awaitEmail(sentinel);

		assertThat(emailsFor(orderId)).hasSize(1);
		assertThat(statuses(orderId)).containsExactly("SENT");
	}

	@Test
	void theEmailListsEveryLineTheTotalAndTheShippingAddress() throws Exception {
		UUID orderId = placeOrder();

		MimeMessage email = awaitEmail(orderId);

		assertThat(email.getSubject()).contains(orderId.toString());
		assertThat(email.getFrom()).extracting(Object::toString).containsExactly("shop@eventshop.local");
		assertThat(email.getAllRecipients()).extracting(Object::toString).containsExactly("ada@example.com");
		assertThat(email.getContent()).asString()
			.contains("Hello Ada Lovelace", "Order " + orderId)
			.contains("2 x Enamel camping mug (SKU MUG-001)", "at 12.50 EUR each: 25.00 EUR")
			.contains("1 x Organic cotton T-shirt (SKU TEE-002)", "at 24.00 EUR each: 24.00 EUR")
			.contains("Total: 49.00 EUR")
			.contains("12 St James's Square", "SW1Y 4JH London", "GB");
		UUID notificationId = this.jdbc.sql("select id from notification where order_id = ?")
			.param(orderId)
			.query(UUID.class)
			.single();
		assertThat(email.getMessageID()).isEqualTo("<" + notificationId + "@eventshop.local>");
	}

}
