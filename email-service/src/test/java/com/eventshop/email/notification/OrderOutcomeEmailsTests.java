package com.eventshop.email.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.eventshop.events.EventType;
import com.eventshop.events.EventTypes;
import com.eventshop.testsupport.EventPublisher;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static com.eventshop.email.notification.EmailKind.ORDER_CANCELLED;
import static com.eventshop.email.notification.EmailKind.ORDER_CONFIRMED;
import static com.eventshop.email.notification.EmailKind.ORDER_RECEIVED;
import static com.eventshop.email.notification.EmailKind.ORDER_REJECTED;
import static com.eventshop.email.notification.EmailKind.ORDER_SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The e-mails of an order's later life (confirmed, rejected, shipped, cancelled) as the
 * customer gets them from a real SMTP server: one of each kind per order however often
 * its event arrives, each saying what happened.
 */
class OrderOutcomeEmailsTests extends EmailTestSupport {

	@Test
	void sendsOneEmailOfEachKindPerOrderHoweverOftenEachEventArrives() throws Exception {
		UUID shipped = UUID.randomUUID();
		UUID rejected = UUID.randomUUID();
		UUID cancelled = UUID.randomUUID();
		List<UUID> events = new ArrayList<>();
		events.addAll(announceRepeatedly(EventTypes.ORDER_PLACED_V1, shipped, rejected, cancelled));
		events.addAll(announceRepeatedly(EventTypes.ORDER_CONFIRMED_V1, shipped, cancelled));
		events.addAll(announceRepeatedly(EventTypes.ORDER_SHIPPED_V1, shipped));
		events.addAll(announceRepeatedly(EventTypes.ORDER_REJECTED_V1, rejected));
		events.addAll(announceRepeatedly(EventTypes.ORDER_CANCELLED_V1, cancelled));

		// Each order's events share a partition, in order: once the last announcement of
		// each was handled, so were its redeliveries. E-mails go out oldest first, so any
		// second copy would come before the e-mail of an order placed after them.
		await().atMost(TIMEOUT).until(() -> events.stream().allMatch((event) -> inboxRows(event) == 1));
		awaitEmail(placeOrder());

		assertThat(kindsReceived(shipped)).containsExactlyInAnyOrder(ORDER_RECEIVED.name(), ORDER_CONFIRMED.name(),
				ORDER_SHIPPED.name());
		assertThat(kindsReceived(rejected)).containsExactlyInAnyOrder(ORDER_RECEIVED.name(), ORDER_REJECTED.name());
		assertThat(kindsReceived(cancelled)).containsExactlyInAnyOrder(ORDER_RECEIVED.name(), ORDER_CONFIRMED.name(),
				ORDER_CANCELLED.name());
		for (UUID order : List.of(shipped, rejected, cancelled)) {
			assertThat(statuses(order)).as("order %s", order).allMatch("SENT"::equals);
		}
	}

	@Test
	void theConfirmationStatesTheTotal() throws Exception {
		UUID orderId = UUID.randomUUID();
		ObjectNode confirmed = EventPublisher.golden(EventTypes.ORDER_CONFIRMED_V1, orderId);
		confirmed.put("total", "1234.5").put("currency", "GBP");
		publish(EventTypes.ORDER_CONFIRMED_V1, confirmed);

		MimeMessage email = awaitEmail(orderId, ORDER_CONFIRMED);

		assertThat(email.getSubject()).isEqualTo("Your EventShop order " + orderId + " is confirmed");
		assertThat(email.getAllRecipients()).extracting(Object::toString).containsExactly("ada@example.com");
		assertThat(email.getContent()).asString()
			.contains("Hello Ada Lovelace", "Order " + orderId, "reserved", "Total: 1234.50 GBP");
	}

	@Test
	void theRejectionNamesEveryShortLineWithWhatWasOrderedAndWhatIsAvailable() throws Exception {
		UUID orderId = UUID.randomUUID();
		ObjectNode rejected = EventPublisher.golden(EventTypes.ORDER_REJECTED_V1, orderId);
		ArrayNode shortLines = rejected.putArray("shortLines");
		shortLines.addObject().put("sku", "LMP-009").put("requested", 3).put("available", 1);
		shortLines.addObject().put("sku", "MUG-001").put("requested", 5).put("available", 0);
		shortLines.addObject().put("sku", "TEE-002").put("requested", 2).put("available", 1);
		publish(EventTypes.ORDER_REJECTED_V1, rejected);

		MimeMessage email = awaitEmail(orderId, ORDER_REJECTED);

		assertThat(email.getSubject()).contains(orderId.toString()).contains("rejected");
		assertThat(email.getContent()).asString()
			.contains("Hello Ada Lovelace", "Order " + orderId)
			.contains("SKU LMP-009: you ordered 3, we have 1")
			.contains("SKU MUG-001: you ordered 5, we have 0")
			.contains("SKU TEE-002: you ordered 2, we have 1");
	}

	@Test
	void theShippingEmailCarriesTheTrackingNumber() throws Exception {
		UUID orderId = UUID.randomUUID();
		ObjectNode shipped = EventPublisher.golden(EventTypes.ORDER_SHIPPED_V1, orderId);
		shipped.put("trackingNumber", "ES987654321DE");
		publish(EventTypes.ORDER_SHIPPED_V1, shipped);

		MimeMessage email = awaitEmail(orderId, ORDER_SHIPPED);

		assertThat(email.getSubject()).isEqualTo("Your EventShop order " + orderId + " has been shipped");
		assertThat(email.getContent()).asString()
			.contains("Hello Ada Lovelace", "Order " + orderId, "Tracking number: ES987654321DE");
	}

	@Test
	void theCancellationSaysThatNothingWillBeShipped() throws Exception {
		UUID orderId = UUID.randomUUID();
		publish(EventTypes.ORDER_CANCELLED_V1, EventPublisher.golden(EventTypes.ORDER_CANCELLED_V1, orderId));

		MimeMessage email = awaitEmail(orderId, ORDER_CANCELLED);

		assertThat(email.getSubject()).isEqualTo("Your EventShop order " + orderId + " has been cancelled");
		assertThat(email.getContent()).asString()
			.contains("Hello Ada Lovelace", "Order " + orderId, "cancelled", "Nothing will be shipped");
	}

	/**
	 * Announces the same news about each order four times: once, redelivered twice under
	 * the same event id, and once more under a new event id with a different text (as a
	 * producer that repeats itself might), which must not replace the first e-mail.
	 * @return the ids of the last announcements, one per order
	 */
	private List<UUID> announceRepeatedly(EventType<?> type, UUID... orderIds) {
		List<UUID> last = new ArrayList<>();
		for (UUID orderId : orderIds) {
			ObjectNode event = EventPublisher.golden(type, orderId);
			UUID eventId = publish(type, event);
			this.publisher.publish(type, eventId, event);
			this.publisher.publish(type, eventId, event);
			((ObjectNode) event.get("customer")).put("name", "Ada Lovelace (again)");
			last.add(publish(type, event));
		}
		return last;
	}

	/** The kinds of the e-mails received about an order, each checked to be the first. */
	private List<String> kindsReceived(UUID orderId) throws Exception {
		List<MimeMessage> emails = emailsFor(orderId);
		for (MimeMessage email : emails) {
			assertThat(email.getContent()).asString().contains("Hello Ada Lovelace,").doesNotContain("(again)");
		}
		return emails.stream().map(this::kindOf).toList();
	}

}
